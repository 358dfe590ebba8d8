import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts } from '../commerce'
import { metricValues, usageEvents } from '../health'
import type { AccountFacts } from './expansion-rules'
import { expansionSuggestions as s } from './expansion.table'

const DAY = 86_400_000
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
export const SEATS = 'licensed_seats'
export const ACTIVE_USERS = 'active_users'
export const LIMIT_USE = 'limit_use_'
/** A module the account owns (licence systems post 1 = owned, 0 = not). */
export const MODULE = 'module_'

/** Everything the rules need about the workspace's accounts, in five set-based queries. */
export async function accountFacts(tx: Executor, ws: string, today: string, windowEnd: string) {
  const rows = await tx
    .select({
      id: accounts.id,
      name: accounts.name,
      tier: accounts.tier,
      industry: accounts.industry,
      annualSpend: accounts.annualSpend,
      currency: accounts.currency,
      ownerId: accounts.ownerId,
      csmId: accounts.csmId,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt)))
  const metrics = rowsOf<{ account_id: string; metric: string; value: string }>(
    await tx.execute(sql`
      select distinct on (account_id, metric) account_id, metric, value::text as value
      from ${metricValues}
      where workspace_id = ${ws}
        and (metric in (${SEATS}, ${ACTIVE_USERS}) or starts_with(metric, ${LIMIT_USE})
          or starts_with(metric, ${MODULE}))
      order by account_id, metric, at desc`),
  )
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - 180 * DAY)
  const modules = await tx
    .select({ accountId: usageEvents.accountId, feature: usageEvents.feature })
    .from(usageEvents)
    .where(
      and(
        eq(usageEvents.workspaceId, ws),
        eq(usageEvents.type, 'feature_used'),
        sql`${usageEvents.feature} is not null`,
        gte(usageEvents.at, since),
      ),
    )
    .groupBy(usageEvents.accountId, usageEvents.feature)
  const ending = rowsOf<{ account_id: string; id: string; number: string; end_date: string }>(
    await tx.execute(sql`
      select distinct on (account_id) account_id, id, number, end_date::text as end_date
      from ${contracts}
      where workspace_id = ${ws} and deleted_at is null and status in ('active', 'approved')
        and end_date >= ${today}::date and end_date <= ${windowEnd}::date
      order by account_id, end_date, id`),
  )
  const facts = new Map<string, AccountFacts>()
  for (const r of rows)
    facts.set(r.id, {
      id: r.id,
      tier: r.tier,
      industry: r.industry,
      annualSpend: num(r.annualSpend),
      currency: r.currency,
      seats: null,
      activeUsers: null,
      limitUse: [],
      modules: [],
      renewal: null,
    })
  for (const m of metrics) {
    const f = facts.get(m.account_id)
    if (!f) continue
    if (m.metric === SEATS) f.seats = Number(m.value)
    else if (m.metric === ACTIVE_USERS) f.activeUsers = Number(m.value)
    else if (m.metric.startsWith(MODULE)) {
      if (Number(m.value) > 0) f.modules.push(m.metric.slice(MODULE.length))
    } else f.limitUse.push({ feature: m.metric.slice(LIMIT_USE.length), percent: Number(m.value) })
  }
  for (const m of modules) {
    const f = facts.get(m.accountId)
    if (f && !f.modules.includes(m.feature!)) f.modules.push(m.feature!)
  }
  const todayMs = Date.parse(`${today}T00:00:00Z`)
  for (const c of ending) {
    const f = facts.get(c.account_id)
    if (f)
      f.renewal = {
        contractId: c.id,
        number: c.number,
        endDate: c.end_date,
        daysLeft: Math.round((Date.parse(`${c.end_date}T00:00:00Z`) - todayMs) / DAY),
      }
  }
  return { facts: [...facts.values()], owners: new Map(rows.map((r) => [r.id, r.csmId ?? r.ownerId])) }
}

/**
 * The bases already settled, as `accountId basis`: `open` ones, and `closed` ones (accepted or dismissed
 * since `quietSince`), which are not suggested again yet.
 */
export async function settledBases(tx: Executor, ws: string, quietSince: Date) {
  const rows = await tx
    .select({ accountId: s.accountId, basis: s.basis, status: s.status })
    .from(s)
    .where(
      and(
        eq(s.workspaceId, ws),
        isNull(s.deletedAt),
        or(
          eq(s.status, 'open'),
          and(inArray(s.status, ['accepted', 'dismissed']), gte(s.updatedAt, quietSince)),
        ),
      ),
    )
  const key = (r: { accountId: string; basis: string }) => `${r.accountId} ${r.basis}`
  return {
    open: new Set(rows.filter((r) => r.status === 'open').map(key)),
    closed: new Set(rows.filter((r) => r.status !== 'open').map(key)),
  }
}

/** Serialises generation runs of one workspace (the nightly job and one on demand may overlap). */
export const lockWorkspaceRun = (tx: Executor, ws: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`expansion:${ws}`}))`)

/** Locks one suggestion for an accept or dismiss; its status read afterwards is the committed one. */
export const lockSuggestion = (tx: Executor, ws: string, id: string) =>
  tx.execute(sql`select 1 from ${s} where workspace_id = ${ws} and id = ${id} for update`)
