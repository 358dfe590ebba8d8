import { sql } from 'drizzle-orm'
import type { Config } from './core/config'
import type { Db } from './core/db/types'
import type { EventSink } from './core/events/bus'
import { hasWorkspaces } from './modules/workspaces'
import { createWorkspaceFromTemplate, upgradeWorkspaces } from './modules/templates'
import { userCollection } from './modules/users'
import { seedDemo } from './demo/seed'

const BOOTSTRAP_LOCK = 4_242_002

/**
 * A new, empty installation gets its first workspace: the demo workspace when asked for
 * (with OPENKAM_ADMIN_* as an extra admin), otherwise an empty one for OPENKAM_ADMIN_*.
 * Several processes starting at once serialise on a lock, so only one creates it. An installation that
 * already has workspaces has them brought up to the current template instead (parts a release added).
 */
export async function bootstrap(
  db: Db,
  events: EventSink,
  config: Config,
  opts: { demo: boolean; lang: 'zh-CN' | 'en' },
) {
  if (!(await createFirstWorkspace(db, events, config, opts))) await upgradeWorkspaces(db, events)
}

/** Creates the first workspace when the installation has none and one is asked for; true when it did. */
async function createFirstWorkspace(
  db: Db,
  events: EventSink,
  config: Config,
  opts: { demo: boolean; lang: 'zh-CN' | 'en' },
): Promise<boolean> {
  const admin =
    config.adminEmail && config.adminPassword
      ? { email: config.adminEmail, password: config.adminPassword }
      : undefined
  if (!opts.demo && !admin) return false
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`)
    if (await hasWorkspaces(tx)) return false
    if (opts.demo) {
      await seedDemo(tx, events, { lang: opts.lang, admin })
      return true
    }
    const ctx = await createWorkspaceFromTemplate(tx, events, {
      name: 'OpenKAM',
      slug: 'default',
      locale: 'zh-CN',
    })
    await userCollection.create(tx, ctx, {
      email: admin!.email,
      name: admin!.email.split('@')[0],
      password: admin!.password,
      roles: ['admin'],
    })
    return true
  })
}
