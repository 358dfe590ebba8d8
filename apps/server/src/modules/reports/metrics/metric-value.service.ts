import type { DashboardFilters, MetricPeriod, MetricValue, ReportMetricKey } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { npsOf } from '../../surveys'
import { metricCatalogue, type Lang } from './metric-catalogue'
import { anchorOf, periodSpans, type Span } from './metric-period'
import {
  bandsAt,
  bandsNow,
  firstDealAccounts,
  npsCategories,
  opportunityScope,
  outcomes,
  retention,
  signedToGoLive,
  wonToHandoff,
  type BandCounts,
} from './metric.repository'
import type { MetricFilters } from './metric-scope.repository'

export type { Lang }

/** A metric's figure for one span: the value (null without data) and how many records it rests on. */
export type Figure = { value: number | null; sample: number }
const none: Figure = { value: null, sample: 0 }
/** A ratio as a percentage with one decimal (0–100). */
export const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10)
const money = (v: number) => Math.round(v * 100) / 100
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** The figure of one metric over one span (the current one or the one before). */
async function figure(
  tx: Executor,
  ctx: Ctx,
  key: ReportMetricKey,
  span: Span,
  f: MetricFilters,
  today: Date,
  isNow: boolean,
): Promise<Figure> {
  switch (key) {
    case 'nps': {
      const c = await npsCategories(tx, ctx, f, span)
      const sample = c.promoters + c.passives + c.detractors
      return { value: npsOf(c), sample }
    }
    case 'renewal_rate':
    case 'win_rate': {
      const types = key === 'renewal_rate' ? ['renewal'] : undefined
      const r = await outcomes(tx, opportunityScope(ctx, f), span, types)
      return { value: percent(r.won, r.won + r.lost), sample: r.won + r.lost }
    }
    case 'expansion_revenue':
    case 'new_business_won': {
      const types = key === 'expansion_revenue' ? ['upsell', 'cross_sell'] : ['new_business']
      const r = await outcomes(tx, opportunityScope(ctx, f), span, types)
      return r.won ? { value: money(r.wonAmount), sample: r.won } : none
    }
    case 'first_deal_wins': {
      const n = await firstDealAccounts(tx, opportunityScope(ctx, f), span)
      return n ? { value: n, sample: n } : none
    }
    case 'gross_revenue_retention':
    case 'net_revenue_retention': {
      const now = span.end.getTime() > today.getTime() ? dayOf(today) : span.to
      const r = await retention(tx, ctx, f, span.from, now)
      if (!r.accounts) return none
      const kept = key === 'gross_revenue_retention' ? r.kept : r.now
      return { value: percent(kept, r.start), sample: r.accounts }
    }
    case 'healthy_share':
    case 'at_risk_arr': {
      // Bands are a state: today's for the period running now, else the state at the end of the span
      // (for the previous one: when the current period began), from the health history.
      const b: BandCounts | null = isNow ? await bandsNow(tx, ctx, f) : await bandsAt(tx, ctx, f, span.end)
      if (!b || !b.scored) return none
      return key === 'healthy_share'
        ? { value: percent(b.healthy, b.scored), sample: b.scored }
        : { value: money(b.atRiskSpend), sample: b.atRisk }
    }
    case 'won_to_handoff_days':
    case 'signed_to_golive_days': {
      const rows =
        key === 'won_to_handoff_days'
          ? await wonToHandoff(tx, ctx, f, span)
          : await signedToGoLive(tx, ctx, f, span)
      const r = rows[0]
      return r && r.n ? { value: r.days, sample: r.n } : none
    }
  }
}

/** The filters a metric's queries read: the dashboard's relative period only moves the anchor (anchorOf). */
const metricFilters = ({ period: _, ...f }: DashboardFilters): MetricFilters => f

/**
 * One metric's value for the month, quarter or year holding today (and the one before) over what the
 * caller may see, narrowed by the dashboard's filters; a dashboard period that ended before today
 * (`last_quarter`) moves both back (anchorOf). Percent metrics are 0–100; `today` fixes the clock (tests).
 */
export async function computeMetric(
  tx: Executor,
  ctx: Ctx,
  key: ReportMetricKey,
  period: MetricPeriod,
  filters: DashboardFilters = {},
  lang: Lang = 'en',
  today = new Date(),
): Promise<MetricValue> {
  const at = anchorOf(filters.period, today)
  const { current, previous } = periodSpans(period, at)
  const f = metricFilters(filters)
  const now = await figure(tx, ctx, key, current, f, at, at === today)
  const before = await figure(tx, ctx, key, previous, f, at, false)
  return {
    ...metricShell(key, period, lang, at),
    value: now.value,
    previous: before.value,
    sample: now.sample,
  }
}

/** A metric's labels and current period without data (value and previous null, sample 0). */
export function metricShell(
  key: ReportMetricKey,
  period: MetricPeriod,
  lang: Lang,
  today: Date,
): MetricValue {
  const def = metricCatalogue[key]
  const { current } = periodSpans(period, today)
  return {
    key,
    label: def.label[lang],
    unit: def.unit,
    higherIsBetter: def.higherIsBetter,
    period,
    from: current.from,
    to: current.to,
    value: null,
    previous: null,
    sample: 0,
  }
}
