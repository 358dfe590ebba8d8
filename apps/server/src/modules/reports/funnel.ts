import { opportunityStages, type FunnelStage } from '@openkam/contract'

/** A ratio rounded to 4 decimals; null when the denominator is 0. */
export const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000)

/**
 * The conversion funnel from how many opportunities got furthest to each stage (1-based SOP position)
 * and their status: a stage is entered by everyone who reached it or a later one (a skipped stage counts
 * as passed), moved on from by everyone who reached a later one.
 * @example funnelFrom([{ position: 2, status: 'open', count: 1 }]).stages[0] // → discovery: entered 1, movedOn 1
 */
export function funnelFrom(counts: { position: number; status: string; count: number }[]) {
  const furthest = opportunityStages.map((_, i) =>
    counts.filter((c) => c.position === i + 1).reduce((n, c) => n + c.count, 0),
  )
  const lostAt = opportunityStages.map((_, i) =>
    counts.filter((c) => c.position === i + 1 && c.status === 'lost').reduce((n, c) => n + c.count, 0),
  )
  const reached = (i: number) => furthest.slice(i).reduce((n, c) => n + c, 0)
  const stages: FunnelStage[] = opportunityStages.map((stage, i) => {
    const entered = reached(i)
    const last = i === opportunityStages.length - 1
    const movedOn = last ? null : reached(i + 1)
    return {
      stage,
      entered,
      movedOn,
      conversionRate: movedOn === null ? null : rate(movedOn, entered),
      lost: lostAt[i]!,
    }
  })
  const by = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0)
  const [won, lost, total] = [by('won'), by('lost'), reached(0)]
  return { opportunities: total, stages, won, lost, open: total - won - lost, winRate: rate(won, won + lost) }
}
