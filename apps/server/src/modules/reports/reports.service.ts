import {
  defaultStageProbabilities,
  type Forecast,
  type ForecastQuery,
  type Funnel,
  type ReportPeriodQuery,
  type StageDurations,
  type WinLoss,
} from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { pipelineOf } from '../pipelines'
import { forecastAggregates, forecastPipelineIds, type StageProbability } from './forecast.repository'
import { funnelFrom, rate } from './funnel'
import { resolvePeriod } from './period'
import { reportScope } from './report-scope.repository'
import { furthestStageCounts, stayAggregates } from './stage-history.repository'
import { durationsFrom } from './stage-durations'
import { outcomeAggregates } from './win-loss.repository'

/**
 * The stage probabilities of the pipelines the forecast's open deals follow (null: the default), for
 * deals without their own probability.
 */
async function stageProbabilities(tx: Executor, ws: string, ids: (string | null)[]) {
  const fallback = await pipelineOf(tx, ws, null)
  const list: StageProbability[] = []
  for (const id of ids) {
    const def = id ? await pipelineOf(tx, ws, id) : fallback
    for (const s of def.stages) list.push({ pipelineId: id, stage: s.key, probability: s.probability })
  }
  const defaults = { ...defaultStageProbabilities } as Record<string, number>
  for (const s of fallback.stages) defaults[s.key] = s.probability
  return { list, defaults }
}

/** Weighted forecast of open opportunities by expected close date, beside what was won, per currency. */
export async function forecastReport(
  tx: Executor,
  ctx: Ctx,
  q: ForecastQuery,
  today = new Date(),
): Promise<Forecast> {
  const scope = reportScope(ctx, q)
  const period = resolvePeriod(q, 'forecast', today)
  const probabilities = await stageProbabilities(tx, ctx.ws, await forecastPipelineIds(tx, scope, period))
  const all = await forecastAggregates(tx, scope, q.groupBy, period, probabilities.list)
  return {
    groupBy: q.groupBy,
    from: period.from,
    to: period.to,
    rows: all.filter((r) => r.grouped).map(({ grouped: _, ...r }) => r),
    totals: all
      .filter((r) => !r.grouped)
      .map(({ grouped: _, key: _k, label: _l, ...r }) => r)
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    stageProbabilities: probabilities.defaults,
  }
}

/** The conversion funnel of the opportunities that started in the period. */
export async function funnelReport(
  tx: Executor,
  ctx: Ctx,
  q: ReportPeriodQuery,
  today = new Date(),
): Promise<Funnel> {
  const scope = reportScope(ctx, q)
  const period = resolvePeriod(q, 'history', today)
  const counts = await furthestStageCounts(tx, scope, period)
  return { from: period.from, to: period.to, ...funnelFrom(counts) }
}

/** Days per stage for the stays that ended in the period, and the slowest stage. */
export async function stageDurationsReport(
  tx: Executor,
  ctx: Ctx,
  q: ReportPeriodQuery,
  today = new Date(),
): Promise<StageDurations> {
  const scope = reportScope(ctx, q)
  const period = resolvePeriod(q, 'history', today)
  const rows = await stayAggregates(tx, ctx.ws, scope, period)
  return { from: period.from, to: period.to, ...durationsFrom(rows) }
}

/** Opportunities won and lost in the period, by reason, per currency. */
export async function winLossReport(
  tx: Executor,
  ctx: Ctx,
  q: ReportPeriodQuery,
  today = new Date(),
): Promise<WinLoss> {
  const scope = reportScope(ctx, q)
  const period = resolvePeriod(q, 'history', today)
  const all = await outcomeAggregates(tx, scope, period)
  const totals = all.filter((r) => !r.byReason)
  const count = (outcome: string) =>
    totals.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.count, 0)
  const amount = (outcome: string, currency: string) =>
    totals.find((r) => r.outcome === outcome && r.currency === currency)?.total ?? '0.00'
  const currencies = [...new Set(totals.map((r) => r.currency))].sort()
  const [won, lost] = [count('won'), count('lost')]
  return {
    from: period.from,
    to: period.to,
    won,
    lost,
    winRate: rate(won, won + lost),
    amounts: currencies.map((currency) => ({
      currency,
      won: amount('won', currency),
      lost: amount('lost', currency),
    })),
    rows: all
      .filter((r) => r.byReason)
      .map(({ byReason: _, ...r }) => ({ ...r, reason: r.reason ?? 'unspecified' })),
  }
}
