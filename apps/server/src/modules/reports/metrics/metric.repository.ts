import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { accountCollection, accounts } from '../../accounts'
import { contractCollection, contracts } from '../../commerce'
import { handoffCollection, handoffs } from '../../handoffs'
import { healthSnapshots } from '../../health'
import { milestoneCollection, milestones } from '../../lifecycle'
import { opportunities } from '../../opportunities'
import { surveyResponseCollection, surveyResponses } from '../../surveys'
import { reportScope } from '../report-scope.repository'
import {
  accountFilter,
  aliased,
  num,
  personFilter,
  rowsOf,
  within,
  type MetricFilters,
} from './metric-scope.repository'

export type Range = { start: Date; end: Date }
const o = opportunities

/** The opportunities a metric counts: those the person may read, narrowed by owner, team, tier and segment. */
export const opportunityScope = (ctx: Ctx, f: MetricFilters): SQL =>
  and(reportScope(ctx, f), accountFilter(ctx, f, o.accountId))!

/** The accounts a metric counts: visible, not deleted, narrowed by owner (or team), tier and segment. */
export const accountScope = (ctx: Ctx, f: MetricFilters): SQL =>
  and(
    eq(accounts.workspaceId, ctx.ws),
    isNull(accounts.deletedAt),
    accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read')),
    personFilter(ctx, f, accounts.ownerId),
    f.tier ? eq(accounts.tier, f.tier) : undefined,
    f.segment ? eq(accounts.segment, f.segment) : undefined,
  )!

/**
 * Opportunities won and lost in the range (by `wonAt` / `lostAt`), optionally of some types, with the
 * amount won.
 */
export async function outcomes(
  tx: Executor,
  scope: SQL,
  r: Range,
  types?: string[],
): Promise<{ won: number; lost: number; wonAmount: number }> {
  const won = sql`${o.status} = 'won' and ${within(o.wonAt, r)}`
  const lost = sql`${o.status} = 'lost' and ${within(o.lostAt, r)}`
  const [row] = rowsOf<{ won: number; lost: number; wonAmount: string | null }>(
    await tx.execute(sql`
      select count(*) filter (where ${won})::int as won, count(*) filter (where ${lost})::int as lost,
        coalesce(sum(${o.amount}) filter (where ${won}), 0)::text as "wonAmount"
      from ${o}
      where ${scope} and ((${won}) or (${lost}))
        ${
          types
            ? sql`and ${o.type} in (${sql.join(
                types.map((t) => sql`${t}`),
                sql`, `,
              )})`
            : sql``
        }`),
  )
  return { won: row?.won ?? 0, lost: row?.lost ?? 0, wonAmount: num(row?.wonAmount) ?? 0 }
}

const earlier = alias(opportunities, 'metric_earlier_deal')

/** Accounts whose first won opportunity (any, visible or not) was won in the range, among the visible wins. */
export async function firstDealAccounts(tx: Executor, scope: SQL, r: Range): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select count(distinct ${o.accountId})::int as n from ${o}
      where ${scope} and ${o.status} = 'won' and ${within(o.wonAt, r)}
        and not exists (select 1 from ${aliased(opportunities, 'metric_earlier_deal')} where ${and(
          eq(earlier.workspaceId, o.workspaceId),
          eq(earlier.accountId, o.accountId),
          eq(earlier.status, 'won'),
          isNull(earlier.deletedAt),
        )} and ${earlier.wonAt} < ${r.start.toISOString()}::timestamptz)`),
  )
  return row?.n ?? 0
}

/**
 * NPS answers of the range by category, over the answers the person may see: each contact counts once,
 * with their latest answer of the range (answers without a contact count each), as the surveys module does.
 */
export async function npsCategories(tx: Executor, ctx: Ctx, f: MetricFilters, r: Range) {
  const s = surveyResponses
  const visible = surveyResponseCollection.visibility(ctx, surveyResponseCollection.scope(ctx, 'read'))
  const person = sql`coalesce(${s.contactId}, ${s.id})`
  const rows = rowsOf<{ category: string; n: number }>(
    await tx.execute(sql`
      select x.category, count(*)::int as n from (
        select distinct on (${person}) ${s.category} as category from ${s}
        where ${and(
          eq(s.workspaceId, ctx.ws),
          eq(s.kind, 'nps'),
          isNull(s.deletedAt),
          visible,
          accountFilter(ctx, f, s.accountId, true),
        )} and ${within(s.answeredAt, r)}
          and ${s.accountId} in (select ${accounts.id} from ${accounts} where ${accounts.workspaceId} = ${ctx.ws} and ${accounts.deletedAt} is null)
        order by ${person}, ${s.answeredAt} desc, ${s.id} desc
      ) x group by x.category`),
  )
  const n = (c: string) => rows.find((x) => x.category === c)?.n ?? 0
  return { promoters: n('promoter'), passives: n('passive'), detractors: n('detractor') }
}

/**
 * Revenue retention over the accounts with contracts in force on `start`: per account the annualised
 * value of its contracts in force on `start` and on `now` (dates, inclusive). A contract counts once
 * signed (approved, active or ended) and with both dates; its annualised value is amount × 365 ÷ its
 * length in days. Sums: the starting value, the value now capped per account at its start (gross), and
 * the value now (net).
 */
export async function retention(tx: Executor, ctx: Ctx, f: MetricFilters, start: string, now: string) {
  const c = contracts
  const visible = contractCollection.visibility(ctx, contractCollection.scope(ctx, 'read'))
  const inForce = (d: string) => sql`c.start_date <= ${d}::date and c.end_date >= ${d}::date`
  const [row] = rowsOf<{ accounts: number; start: string | null; kept: string | null; now: string | null }>(
    await tx.execute(sql`
      with c as (
        select ${c.accountId} as account_id, ${c.startDate} as start_date, ${c.endDate} as end_date,
          ${c.amount} * 365.0 / (${c.endDate} - ${c.startDate} + 1) as arr
        from ${c}
        where ${and(
          eq(c.workspaceId, ctx.ws),
          isNull(c.deletedAt),
          visible,
          accountFilter(ctx, f, c.accountId, true),
        )} and ${c.status} in ('approved', 'active', 'ended') and ${c.startDate} is not null
          and ${c.endDate} is not null and ${c.endDate} >= ${c.startDate}
      ), a as (
        select account_id, sum(arr) filter (where ${inForce(start)}) as arr_start,
          coalesce(sum(arr) filter (where ${inForce(now)}), 0) as arr_now
        from c group by account_id
      )
      select count(*)::int as accounts, sum(arr_start)::text as start,
        sum(least(arr_now, arr_start))::text as kept, sum(arr_now)::text as now
      from a where arr_start > 0`),
  )
  return {
    accounts: row?.accounts ?? 0,
    start: num(row?.start) ?? 0,
    kept: num(row?.kept) ?? 0,
    now: num(row?.now) ?? 0,
  }
}

export type BandCounts = { scored: number; healthy: number; atRisk: number; atRiskSpend: number }

/** The accounts' health bands now: how many are scored, healthy and at risk, and the at-risk annual spend. */
export async function bandsNow(tx: Executor, ctx: Ctx, f: MetricFilters): Promise<BandCounts> {
  const a = accounts
  return bandRow(
    await tx.execute(sql`
      select count(*) filter (where ${a.healthBand} is not null)::int as scored,
        count(*) filter (where ${a.healthBand} = 'healthy')::int as healthy,
        count(*) filter (where ${a.healthBand} = 'at_risk')::int as "atRisk",
        coalesce(sum(${a.annualSpend}) filter (where ${a.healthBand} = 'at_risk'), 0)::text as "atRiskSpend"
      from ${a} where ${accountScope(ctx, f)}`),
  )
}

/**
 * The same on an earlier instant, from the health history: each account's latest snapshot before `at`
 * (accounts without one then are not scored); spend is today's. Null when no snapshot is that old.
 */
export async function bandsAt(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  at: Date,
): Promise<BandCounts | null> {
  const a = accounts
  const h = healthSnapshots
  const band = sql`(select ${h.band} from ${h} where ${h.workspaceId} = ${a.workspaceId} and ${h.accountId} = ${a.id}
    and ${h.computedAt} < ${at.toISOString()}::timestamptz order by ${h.computedAt} desc limit 1)`
  const counts = bandRow(
    await tx.execute(sql`
      select count(*) filter (where x.band is not null)::int as scored,
        count(*) filter (where x.band = 'healthy')::int as healthy,
        count(*) filter (where x.band = 'at_risk')::int as "atRisk",
        coalesce(sum(x.spend) filter (where x.band = 'at_risk'), 0)::text as "atRiskSpend"
      from (select ${band} as band, ${a.annualSpend} as spend from ${a} where ${accountScope(ctx, f)}) x`),
  )
  return counts.scored ? counts : null
}

const bandRow = (res: unknown): BandCounts => {
  const [r] = rowsOf<{ scored: number; healthy: number; atRisk: number; atRiskSpend: string }>(res)
  return {
    scored: r?.scored ?? 0,
    healthy: r?.healthy ?? 0,
    atRisk: r?.atRisk ?? 0,
    atRiskSpend: num(r?.atRiskSpend) ?? 0,
  }
}

export type DaysAggregate = { key: string; n: number; days: number | null }
const month = (col: SQL | typeof handoffs.submittedAt) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM')`
const wonDeal = alias(opportunities, 'metric_won_deal')

/**
 * Days from winning a deal to its handoff's submission (the salesperson handing over to the CSM; the
 * handoff itself opens automatically on the win), for handoffs submitted in the range — in all (key '')
 * or per month (`YYYY-MM`). Owner and team filters read the handoff's salesperson.
 */
export async function wonToHandoff(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  r: Range,
  byMonth = false,
): Promise<DaysAggregate[]> {
  const h = handoffs
  const visible = handoffCollection.visibility(ctx, handoffCollection.scope(ctx, 'read'))
  const key = byMonth ? month(h.submittedAt) : sql`''`
  return daysRows(
    await tx.execute(sql`
      select ${key} as key, count(*)::int as n,
        round((avg(extract(epoch from (${h.submittedAt} - ${wonDeal.wonAt})) / 86400))::numeric, 1)::text as days
      from ${h} join ${aliased(opportunities, 'metric_won_deal')} on ${wonDeal.workspaceId} = ${h.workspaceId} and ${wonDeal.id} = ${h.opportunityId}
      where ${and(
        eq(h.workspaceId, ctx.ws),
        isNull(h.deletedAt),
        isNull(wonDeal.deletedAt),
        visible,
        personFilter(ctx, f, h.salesOwnerId),
        accountFilter(ctx, f, h.accountId),
      )} and ${within(h.submittedAt, r)} and ${wonDeal.wonAt} is not null
        and ${h.submittedAt} >= ${wonDeal.wonAt}
      group by 1 order by 1`),
  )
}

/** Titles that mark a go-live milestone: 上线 / 投产, or the words go-live, go live, live, launch. */
export const GO_LIVE_TITLE = '(上线|投产|\\mgo[- ]?live\\M|\\mlive\\M|\\mlaunch)'
const signed = alias(contracts, 'metric_signed_contract')

/**
 * Days from signing to go-live, for go-live milestones (by title, GO_LIVE_TITLE) the customer confirmed
 * in the range: from the signing date of the account's contract signed last on or before the
 * confirmation (the milestone's own deal's contract first). In all or per month, as above.
 */
export async function signedToGoLive(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  r: Range,
  byMonth = false,
): Promise<DaysAggregate[]> {
  const m = milestones
  const visible = milestoneCollection.visibility(ctx, milestoneCollection.scope(ctx, 'read'))
  const key = byMonth ? month(sql`x.confirmed_at`) : sql`''`
  return daysRows(
    await tx.execute(sql`
      select ${key} as key, count(*)::int as n, round(avg(x.days)::numeric, 1)::text as days from (
        select ${m.confirmedAt} as confirmed_at,
          extract(epoch from (${m.confirmedAt} - (s.signed_date::timestamp at time zone 'UTC'))) / 86400 as days
        from ${m} join lateral (
          select ${signed.signedDate} as signed_date from ${aliased(contracts, 'metric_signed_contract')}
          where ${signed.workspaceId} = ${m.workspaceId} and ${signed.accountId} = ${m.accountId}
            and ${signed.deletedAt} is null and ${signed.signedDate} is not null
            and ${signed.signedDate} <= (${m.confirmedAt} at time zone 'UTC')::date
          order by (${signed.opportunityId} is not distinct from ${m.opportunityId}) desc, ${signed.signedDate} desc
          limit 1
        ) s on true
        where ${and(
          eq(m.workspaceId, ctx.ws),
          isNull(m.deletedAt),
          eq(m.status, 'confirmed'),
          visible,
          accountFilter(ctx, f, m.accountId, true),
        )} and ${within(m.confirmedAt, r)} and ${m.title} ~* ${GO_LIVE_TITLE}
      ) x group by 1 order by 1`),
  )
}

const daysRows = (res: unknown): DaysAggregate[] =>
  rowsOf<{ key: string; n: number; days: string | null }>(res).map((x) => ({
    key: x.key,
    n: x.n,
    days: num(x.days),
  }))
