import { segmentLabel } from '@openkam/contract'
import type {
  AtRiskAccountsView,
  CycleTimesView,
  DashboardFilters,
  DashboardViewData,
  HealthMoversView,
  RoiOfEffortView,
  dashboardViews,
} from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { peopleByIds } from '../../users'
import { getEffortCosts } from './effort-cost.service'
import type { Lang } from './metric-catalogue'
import { lastMonths, relativeSpan } from './metric-period'
import { signedToGoLive, wonToHandoff } from './metric.repository'
import type { MetricFilters } from './metric-scope.repository'
import { northStarProgress } from './north-star.service'
import { roiOf } from './roi'
import { atRiskAccounts, healthMovers, roiGroups } from './view.repository'

const DAY = 86_400_000
const tr = (lang: Lang, en: string, zh: string) => (lang === 'en' ? en : zh)
const metricFilters = ({ period: _, ...f }: DashboardFilters): MetricFilters => f

/** Names of the people behind a list of ids (inactive people keep no name). */
async function namesOf(tx: Executor, ws: string, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((i): i is string => !!i))]
  const people = await peopleByIds(tx, ws, unique)
  return new Map(people.map((p) => [p.id, p.name]))
}

/** The accounts whose health score moved most over the last 30 days, up and down. */
async function healthMoversView(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  today: Date,
): Promise<HealthMoversView> {
  const since = new Date(today.getTime() - 30 * DAY)
  const up = await healthMovers(tx, ctx, f, since, 'up')
  const down = await healthMovers(tx, ctx, f, since, 'down')
  const names = await namesOf(
    tx,
    ctx.ws,
    [...up, ...down].map((r) => r.ownerId),
  )
  const named = (rows: typeof up) =>
    rows.map((r) => ({ ...r, ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null }))
  return { view: 'health_movers', since: since.toISOString().slice(0, 10), up: named(up), down: named(down) }
}

/** The 20 at-risk accounts with the largest annual spend, with owner, CSM and score. */
async function atRiskView(tx: Executor, ctx: Ctx, f: MetricFilters): Promise<AtRiskAccountsView> {
  const r = await atRiskAccounts(tx, ctx, f)
  const names = await namesOf(
    tx,
    ctx.ws,
    r.rows.flatMap((x) => [x.ownerId, x.csmId]),
  )
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null)
  return {
    view: 'at_risk_accounts',
    accounts: r.rows.map((x) => ({ ...x, ownerName: name(x.ownerId), csmName: name(x.csmId) })),
    total: r.total,
    totalAnnualSpend: r.totalAnnualSpend,
  }
}

/** Revenue against effort per segment and for new versus existing accounts, over the dashboard's period (this year by default). */
async function roiView(
  tx: Executor,
  ctx: Ctx,
  filters: DashboardFilters,
  lang: Lang,
  today: Date,
): Promise<RoiOfEffortView> {
  const span = relativeSpan(filters.period ?? 'this_year', today) ?? relativeSpan('this_year', today)!
  const costs = await getEffortCosts(tx, ctx)
  const groups = await roiGroups(tx, ctx, metricFilters(filters), span, costs)
  const rows = roiOf(groups, {
    noSegment: tr(lang, 'No segment', '未分群'),
    new: tr(lang, 'New accounts', '新客户'),
    existing: tr(lang, 'Existing customers', '老客户'),
    total: tr(lang, 'All accounts', '全部客户'),
    segment: (key) => segmentLabel(key, lang),
  })
  return { view: 'roi_of_effort', from: span.from, to: span.to, currency: costs.currency, ...rows }
}

/** Won → handoff and signed → go-live days per month of the last 12. */
async function cycleTimesView(
  tx: Executor,
  ctx: Ctx,
  f: MetricFilters,
  today: Date,
): Promise<CycleTimesView> {
  const months = lastMonths(12, today)
  const range = { start: months[0]!.start, end: months.at(-1)!.end }
  const handoff = new Map((await wonToHandoff(tx, ctx, f, range, true)).map((r) => [r.key, r]))
  const golive = new Map((await signedToGoLive(tx, ctx, f, range, true)).map((r) => [r.key, r]))
  return {
    view: 'cycle_times',
    months: months.map((m) => ({
      month: m.month,
      wonToHandoffDays: handoff.get(m.month)?.days ?? null,
      handoffs: handoff.get(m.month)?.n ?? 0,
      signedToGoLiveDays: golive.get(m.month)?.days ?? null,
      goLives: golive.get(m.month)?.n ?? 0,
    })),
  }
}

/** The data of one fixed view, over what the caller may see and narrowed by the dashboard's filters. */
export async function computeViewData(
  tx: Executor,
  ctx: Ctx,
  view: (typeof dashboardViews)[number],
  filters: DashboardFilters,
  lang: Lang,
  today: Date,
): Promise<DashboardViewData> {
  const f = metricFilters(filters)
  switch (view) {
    case 'health_movers':
      return healthMoversView(tx, ctx, f, today)
    case 'at_risk_accounts':
      return atRiskView(tx, ctx, f)
    case 'roi_of_effort':
      return roiView(tx, ctx, filters, lang, today)
    case 'cycle_times':
      return cycleTimesView(tx, ctx, f, today)
    case 'north_star':
      return { view: 'north_star', ...(await northStarProgress(tx, ctx, filters, lang, today)) }
  }
}
