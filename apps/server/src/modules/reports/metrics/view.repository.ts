import { and, eq, isNull, sql } from 'drizzle-orm'
import type { EffortCosts } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import { activities, activityCollection } from '../../activities'
import { healthSnapshots } from '../../health'
import { marketingTouches, touchCollection } from '../../marketing'
import { opportunities, opportunityCollection } from '../../opportunities'
import { accountScope, type Range } from './metric.repository'
import { num, rowsOf, within, type MetricFilters } from './metric-scope.repository'

const a = accounts

export type MoverRow = {
  accountId: string
  name: string
  tier: string | null
  segment: string | null
  ownerId: string | null
  scoreBefore: number
  scoreNow: number
  delta: number
  bandBefore: string | null
  bandNow: string | null
}

/**
 * The accounts whose health score rose (`up`) or fell most since `since`: today's score against the
 * latest snapshot on or before `since`, or — for accounts scored only later — their first snapshot.
 */
export async function healthMovers(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  since: Date,
  direction: 'up' | 'down',
  limit = 10,
): Promise<MoverRow[]> {
  const h = healthSnapshots
  const at = since.toISOString()
  const delta = sql`(${a.healthScore} - b.score)`
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select ${a.id} as "accountId", ${a.name} as name, ${a.tier} as tier, ${a.segment} as segment,
        ${a.ownerId} as "ownerId", b.score::text as "scoreBefore", ${a.healthScore}::text as "scoreNow",
        ${delta}::text as delta, b.band as "bandBefore", ${a.healthBand} as "bandNow"
      from ${a} join lateral (
        select ${h.score} as score, ${h.band} as band from ${h}
        where ${h.workspaceId} = ${a.workspaceId} and ${h.accountId} = ${a.id} and ${h.score} is not null
        order by (${h.computedAt} <= ${at}::timestamptz) desc,
          case when ${h.computedAt} <= ${at}::timestamptz then ${h.computedAt} end desc nulls last, ${h.computedAt}
        limit 1
      ) b on true
      where ${accountScope(ctx, f)} and ${a.healthScore} is not null
        and ${direction === 'up' ? sql`${delta} > 0` : sql`${delta} < 0`}
      order by ${direction === 'up' ? sql`${delta} desc` : sql`${delta} asc`}, ${a.name}, ${a.id}
      limit ${limit}`),
  )
  return rows.map((r) => ({
    accountId: r.accountId as string,
    name: r.name as string,
    tier: (r.tier as string | null) ?? null,
    segment: (r.segment as string | null) ?? null,
    ownerId: (r.ownerId as string | null) ?? null,
    scoreBefore: num(r.scoreBefore)!,
    scoreNow: num(r.scoreNow)!,
    delta: Math.round(num(r.delta)! * 100) / 100,
    bandBefore: (r.bandBefore as string | null) ?? null,
    bandNow: (r.bandNow as string | null) ?? null,
  }))
}

export type AtRiskRow = {
  accountId: string
  name: string
  tier: string | null
  segment: string | null
  ownerId: string | null
  csmId: string | null
  annualSpend: number | null
  currency: string
  healthScore: number | null
}

/** The at-risk accounts with the largest annual spend, and how many there are in all with their spend. */
export async function atRiskAccounts(tx: Executor, ctx: Ctx, f: MetricFilters, limit = 20) {
  const where = and(accountScope(ctx, f), eq(a.healthBand, 'at_risk'))
  const rows = await tx
    .select({
      accountId: a.id,
      name: a.name,
      tier: a.tier,
      segment: a.segment,
      ownerId: a.ownerId,
      csmId: a.csmId,
      annualSpend: a.annualSpend,
      currency: a.currency,
      healthScore: a.healthScore,
    })
    .from(a)
    .where(where)
    .orderBy(sql`${a.annualSpend} desc nulls last`, a.name, a.id)
    .limit(limit)
  const [total] = await tx
    .select({ n: sql<number>`count(*)::int`, spend: sql<string>`coalesce(sum(${a.annualSpend}), 0)::text` })
    .from(a)
    .where(where)
  return {
    rows: rows.map((r): AtRiskRow => ({
      ...r,
      annualSpend: num(r.annualSpend),
      healthScore: num(r.healthScore),
    })),
    total: total?.n ?? 0,
    totalAnnualSpend: num(total?.spend) ?? 0,
  }
}

export type RoiGroup = {
  segment: string | null
  existing: boolean
  accounts: number
  revenue: number
  hours: number
  activityCost: number
  campaignCost: number
}

/**
 * Revenue against effort per account segment and customer type (`existing`: a deal won before the range),
 * over the accounts the person may see with any revenue or effort in the range:
 * - revenue: the visible opportunities won in the range;
 * - activity cost: the visible activities' minutes in the range ÷ 60 × the hourly rate of their owner's
 *   role (the highest of the person's roles; roles without a rate cost nothing);
 * - campaign cost: each campaign's spend split evenly over all its touches (the workspace's, at any time),
 *   summed over the visible touches of the range.
 */
export async function roiGroups(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  r: Range,
  costs: EffortCosts,
): Promise<RoiGroup[]> {
  const o = opportunities
  const act = activities
  const t = marketingTouches
  const oVisible = opportunityCollection.visibility(ctx, opportunityCollection.scope(ctx, 'read'))
  const actVisible = activityCollection.visibility(ctx, activityCollection.scope(ctx, 'read'))
  const tVisible = touchCollection.visibility(ctx, touchCollection.scope(ctx, 'read'))
  const rates = JSON.stringify(costs.hourlyRates)
  const spend = JSON.stringify(costs.campaignSpend)
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      with acc as (
        select ${a.id} as id, ${a.segment} as segment,
          exists (select 1 from opportunities e where e.workspace_id = ${a.workspaceId} and e.account_id = ${a.id}
            and e.status = 'won' and e.deleted_at is null and e.won_at < ${r.start.toISOString()}::timestamptz) as existing
        from ${a} where ${accountScope(ctx, f)}
      ), rev as (
        select ${o.accountId} as account_id, sum(${o.amount}) as revenue from ${o}
        where ${and(eq(o.workspaceId, ctx.ws), isNull(o.deletedAt), eq(o.status, 'won'), oVisible)}
          and ${within(o.wonAt, r)}
        group by 1
      ), rate as (
        select ur.user_id, max(coalesce((${rates}::jsonb ->> ro.key)::numeric, 0)) as rate
        from user_roles ur join roles ro on ro.workspace_id = ur.workspace_id and ro.id = ur.role_id and ro.deleted_at is null
        where ur.workspace_id = ${ctx.ws} group by 1
      ), eff as (
        select ${act.accountId} as account_id, sum(coalesce(${act.durationMinutes}, 0)) / 60.0 as hours,
          sum(coalesce(${act.durationMinutes}, 0) / 60.0 * coalesce(rate.rate, 0)) as cost
        from ${act} left join rate on rate.user_id = ${act.ownerId}
        where ${and(eq(act.workspaceId, ctx.ws), isNull(act.deletedAt), actVisible)} and ${within(act.occurredAt, r)}
        group by 1
      ), spend as (
        select key as campaign, value::numeric as spend from jsonb_each_text(${spend}::jsonb)
      ), per_touch as (
        select mt.campaign, spend.spend / count(*) as cost from marketing_touches mt
        join spend on spend.campaign = mt.campaign
        where mt.workspace_id = ${ctx.ws} and mt.deleted_at is null
        group by mt.campaign, spend.spend
      ), camp as (
        select ${t.accountId} as account_id, sum(per_touch.cost) as cost from ${t}
        join per_touch on per_touch.campaign = ${t.campaign}
        where ${and(eq(t.workspaceId, ctx.ws), isNull(t.deletedAt), tVisible)} and ${within(t.occurredAt, r)}
        group by 1
      )
      select acc.segment, acc.existing, count(*)::int as accounts,
        coalesce(sum(rev.revenue), 0)::text as revenue, coalesce(sum(eff.hours), 0)::text as hours,
        coalesce(sum(eff.cost), 0)::text as "activityCost", coalesce(sum(camp.cost), 0)::text as "campaignCost"
      from acc
        left join rev on rev.account_id = acc.id
        left join eff on eff.account_id = acc.id
        left join camp on camp.account_id = acc.id
      where rev.account_id is not null or eff.account_id is not null or camp.account_id is not null
      group by acc.segment, acc.existing`),
  )
  return rows.map((x) => ({
    segment: (x.segment as string | null) ?? null,
    existing: x.existing === true || x.existing === 't',
    accounts: Number(x.accounts),
    revenue: num(x.revenue) ?? 0,
    hours: num(x.hours) ?? 0,
    activityCost: num(x.activityCost) ?? 0,
    campaignCost: num(x.campaignCost) ?? 0,
  }))
}
