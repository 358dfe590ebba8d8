import type { DashboardFilters, MetricPeriod, MetricValue, ReportMetricKey } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { npsOf } from '../../surveys'
import { metricCatalogue, type Lang } from './metric-catalogue'
import { periodSpans, type Span } from './metric-period'
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
  isCurrent: boolean,
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
      // Bands are a state: the current value is today's, the previous one the state when the current
      // period began (the end of the previous span).
      const b: BandCounts | null = isCurrent
        ? await bandsNow(tx, ctx, f)
        : await bandsAt(tx, ctx, f, span.end)
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

/** The metric's period and filters without the dashboard's relative period, which metrics do not read. */
const metricFilters = ({ period: _, ...f }: DashboardFilters): MetricFilters => f

/**
 * One metric's value for the current period (and the previous one) over what the caller may see.
 * Percent metrics are 0–100; `today` fixes the clock (tests).
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
  const { current, previous } = periodSpans(period, today)
  const f = metricFilters(filters)
  const now = await figure(tx, ctx, key, current, f, today, true)
  const before = await figure(tx, ctx, key, previous, f, today, false)
  return {
    ...metricShell(key, period, lang, today),
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
