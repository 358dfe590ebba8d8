import { eq, type SQL } from 'drizzle-orm'
import { scopeFor } from '../../core/access/permissions'
import { AppError } from '../../core/errors'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { diff, recordAudit } from '../../core/audit/audit'
import { accountCollection, accounts } from '../accounts'
import { contactCollection, reportingCycleError } from '../contacts'
import { getWorkspace } from '../workspaces'
import {
  accountSubquery,
  accountsWhere,
  contactsOf,
  lastContacts,
  readGapRules,
  readPlaybook,
  recentActivities,
  recentThreads,
  reportingLines,
  writePlaybook,
} from './decision-map.repository'
import type { stances } from '@openkam/contract'
import {
  decisionMapGaps,
  mergeGapRules,
  type BuyingRole,
  type GapCode,
  type GapContact,
  type GapRules,
  type Lang,
} from './gaps'
import { mergePlaybook, nextBestAction, reportingLoop, type Playbook } from './playbook'

type Stance = (typeof stances)[number]
type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number]
const DAY_MS = 86_400_000

const langOf = async (tx: Executor, ctx: Ctx): Promise<Lang> =>
  (await getWorkspace(tx, ctx)).locale === 'en' ? 'en' : 'zh-CN'

/** The workspace's gap rules: its stored overrides over the defaults. */
export const gapRulesOf = async (tx: Executor, ws: string): Promise<GapRules> =>
  mergeGapRules((await readGapRules(tx, ws)).stored)

/**
 * The accounts' contacts, last contacts and recent threads, loaded set-based (three queries); with `only`,
 * just those contacts (a deal's committee) and the activities naming them.
 */
async function loadMaps(
  tx: Executor,
  ws: string,
  ids: string[] | SQL,
  now: Date,
  rules: GapRules,
  only?: string[],
) {
  const [rows, last, threads] = await Promise.all([
    contactsOf(tx, ws, ids),
    lastContacts(tx, ws, ids),
    recentThreads(tx, ws, ids, new Date(now.getTime() - rules.singleThreadDays * DAY_MS), only),
  ])
  const lastOf = new Map(last.map((r) => [`${r.accountId}:${r.contactId}`, r.at]))
  const byAccount = new Map<string, (ContactRow & { lastContactAt: Date | null })[]>()
  const members = only ? new Set(only) : null
  for (const r of rows) {
    if (members && !members.has(r.id)) continue
    const list = byAccount.get(r.accountId) ?? []
    list.push({ ...r, lastContactAt: lastOf.get(`${r.accountId}:${r.id}`) ?? null })
    byAccount.set(r.accountId, list)
  }
  const threadsOf = new Map(threads.map((t) => [t.accountId, t]))
  return { byAccount, threadsOf }
}

const gapInput = (c: ContactRow & { lastContactAt: Date | null }): GapContact => ({
  id: c.id,
  name: c.name,
  buyingRole: c.buyingRole,
  influence: c.influence,
  stance: c.stance,
  active: c.active,
  placeholder: c.placeholder,
  lastContactAt: c.lastContactAt,
})

/** One account's buying committee with gaps, next best actions and the playbook. */
export async function decisionMap(tx: Executor, ctx: Ctx, accountId: string, now = new Date()) {
  await accountCollection.get(tx, ctx, accountId)
  contactCollection.scope(ctx, 'read')
  return buildMap(tx, ctx, accountId, now)
}

/**
 * The map of an account the caller may see, or with `only` of those of its contacts (a deal's committee):
 * the gaps then look at the members and the activities naming them, with the same rules.
 */
export async function buildMap(tx: Executor, ctx: Ctx, accountId: string, now: Date, only?: string[]) {
  const lang = await langOf(tx, ctx)
  const playbook = mergePlaybook(await readPlaybook(tx, ctx.ws), lang)
  const rules = await gapRulesOf(tx, ctx.ws)
  const [{ byAccount, threadsOf }, activities] = await Promise.all([
    loadMaps(tx, ctx.ws, [accountId], now, rules, only),
    recentActivities(tx, ctx.ws, accountId, 50, only),
  ])
  const list = byAccount.get(accountId) ?? []
  const gaps = decisionMapGaps(
    list.map(gapInput),
    threadsOf.get(accountId) ?? { count: 0, contactIds: [] },
    now,
    lang,
    rules,
  )
  return {
    accountId,
    contacts: list.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      department: c.department,
      email: c.email,
      buyingRole: c.buyingRole as BuyingRole | null,
      influence: c.influence,
      stance: c.stance as Stance | null,
      relationshipStrength: c.relationshipStrength,
      reportsToId: c.reportsToId,
      influences: c.influences ?? [],
      lastContactAt: c.lastContactAt?.toISOString() ?? null,
      active: c.active,
      former: !c.active,
      leftAt: c.leftAt?.toISOString() ?? null,
      placeholder: !!c.placeholder,
      ownerId: c.ownerId,
      relationshipOwnerId: c.relationshipOwnerId,
      relationshipLevel: c.relationshipLevel,
      targetLevel: c.targetLevel,
      version: c.version,
      nextBestAction: nextBestAction(gapInput(c), playbook, now, lang, rules),
    })),
    gaps,
    playbook,
    recentActivities: activities.map((a) => ({ ...a, occurredAt: a.occurredAt.toISOString() })),
  }
}

/** Accounts the person may see (optionally of one owner) with their gaps (optionally of one code). */
export async function gapReport(
  tx: Executor,
  ctx: Ctx,
  q: { ownerId?: string; code?: GapCode },
  now = new Date(),
) {
  const scope = accountCollection.scope(ctx, 'read')
  contactCollection.scope(ctx, 'read')
  const where = [
    accountCollection.visibility(ctx, scope),
    q.ownerId ? eq(accounts.ownerId, q.ownerId) : undefined,
  ]
  const lang = await langOf(tx, ctx)
  const rules = await gapRulesOf(tx, ctx.ws)
  const [list, { byAccount, threadsOf }] = await Promise.all([
    accountsWhere(tx, ctx.ws, where),
    loadMaps(tx, ctx.ws, accountSubquery(ctx.ws, where), now, rules),
  ])
  const data = []
  for (const a of list) {
    const gaps = decisionMapGaps(
      (byAccount.get(a.id) ?? []).map(gapInput),
      threadsOf.get(a.id) ?? { count: 0, contactIds: [] },
      now,
      lang,
      rules,
    ).filter((g) => !q.code || g.code === q.code)
    if (gaps.length) data.push({ account: a, gaps })
  }
  return { data }
}

export const getPlaybook = async (tx: Executor, ctx: Ctx) =>
  mergePlaybook(await readPlaybook(tx, ctx.ws), await langOf(tx, ctx))

/** Replaces the workspace's playbook (administrators: whoever may update workspace settings). */
export async function putPlaybook(tx: Executor, ctx: Ctx, roles: Playbook) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may edit the playbook')
  const before = await getPlaybook(tx, ctx)
  await writePlaybook(tx, ctx.ws, roles)
  const d = diff(before, roles)
  await recordAudit(tx, ctx, [
    {
      action: 'update',
      entityType: 'decision_map_playbook',
      entityId: ctx.ws,
      before: d.before,
      after: d.after,
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'decision_map_playbook.updated',
      entityType: 'decision_map_playbook',
      entityId: ctx.ws,
      payload: { changed: d.changed },
    },
  ])
  return roles
}

/**
 * Re-parents a contact, refusing (422 `reporting_cycle`) a manager below it, itself, or in another
 * account, with the chain named.
 */
export async function setReportsTo(
  tx: Executor,
  ctx: Ctx,
  id: string,
  body: { reportsToId: string | null; version?: number },
) {
  const c = (await contactCollection.get(tx, ctx, id)) as { accountId: string; version: number }
  const lines = await reportingLines(tx, ctx.ws, c.accountId)
  if (body.reportsToId && !lines.some((l) => l.id === body.reportsToId)) {
    throw new AppError(
      'unprocessable',
      'reporting_other_account',
      'The manager must be a contact of the same account',
      {
        errors: [{ path: 'reportsToId', message: 'must be a contact of the same account' }],
      },
    )
  }
  const loop = reportingLoop(new Map(lines.map((l) => [l.id, l.reportsToId])), id, body.reportsToId)
  if (loop) throw reportingCycleError(loop, new Map(lines.map((l) => [l.id, l.name])))
  return contactCollection.update(tx, ctx, id, {
    version: body.version ?? c.version,
    reportsToId: body.reportsToId,
  })
}
