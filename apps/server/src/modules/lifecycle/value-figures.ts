import type { KpiDirection, ValueFigure } from '@openkam/contract'

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/**
 * A figure from a value now and one before (pure): the change with its sign, the change in percent of
 * the earlier value, and whether it went the better way. Missing data stays missing (null), and a
 * percentage of nothing is not given.
 * @example figure(80, 100, 'lower') // { change: -20, changePercent: -20, improved: true, … }
 */
export function figure(
  current: number | null,
  previous: number | null,
  betterWhen: KpiDirection,
  digits = 1,
): ValueFigure {
  const cur = current === null || !Number.isFinite(current) ? null : round(current, digits)
  const prev = previous === null || !Number.isFinite(previous) ? null : round(previous, digits)
  if (cur === null || prev === null)
    return { current: cur, previous: prev, change: null, changePercent: null, improved: null, betterWhen }
  const change = round(cur - prev, digits)
  return {
    current: cur,
    previous: prev,
    change,
    changePercent: prev === 0 ? null : round(((cur - prev) / Math.abs(prev)) * 100, 1),
    improved: change === 0 ? false : betterWhen === 'higher' ? change > 0 : change < 0,
    betterWhen,
  }
}
