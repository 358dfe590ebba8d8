import type { Executor } from '../core/db/types'
import type { EventSink } from '../core/events/bus'
import type { Ctx } from '../core/context'
import { createWorkspace } from '../modules/workspaces'
import { teamCollection, userCollection } from '../modules/users'
import { accountCollection } from '../modules/accounts'
import { demoAccounts, demoTeams, demoUsers, DEMO_PASSWORD, type Lang } from './demo-data'

export { DEMO_PASSWORD }
export const DEMO_ADMIN_EMAIL = 'admin@demo.openkam.local'

/**
 * The demo workspace, deterministic for a language: people in every role, teams with managers,
 * and accounts across industries. Every row goes through the services, so it has audit entries and events.
 */
export async function seedDemo(
  tx: Executor,
  events: EventSink,
  opts: { lang: Lang; admin?: { email: string; password: string } },
): Promise<Ctx> {
  const { lang } = opts
  const ctx = await createWorkspace(tx, events, {
    name: lang === 'zh-CN' ? '演示公司（OpenKAM）' : 'Demo Company (OpenKAM)',
    slug: 'demo',
    locale: lang,
    isDemo: true,
  })
  const ids = new Map<string, string>()
  for (const u of demoUsers) {
    const rec = await userCollection.create(tx, ctx, {
      email: u.email,
      name: u.name[lang],
      title: u.title[lang],
      password: DEMO_PASSWORD,
      roles: [u.role],
      locale: lang,
    })
    ids.set(u.key, rec.id)
  }
  if (opts.admin && !demoUsers.some((u) => u.email === opts.admin!.email)) {
    await userCollection.create(tx, ctx, {
      email: opts.admin.email,
      name: opts.admin.email.split('@')[0],
      password: opts.admin.password,
      roles: ['admin'],
      locale: lang,
    })
  }
  for (const t of demoTeams) {
    await teamCollection.create(tx, ctx, {
      name: t.name[lang],
      description: t.description[lang],
      managerId: ids.get(t.manager)!,
      memberIds: t.members.map((m) => ids.get(m)!),
    })
  }
  for (const a of demoAccounts) {
    await accountCollection.create(tx, ctx, {
      name: a.name[lang],
      industry: a.industry,
      annualSpend: { amount: a.annualSpend, currency: 'CNY' },
      ownerId: ids.get(a.owner)!,
    })
  }
  return ctx
}
