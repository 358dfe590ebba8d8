import type { MetricValue } from '@openkam/contract'

type Unit = MetricValue['unit']
type Ctx = { lang: string; currency: string }

/**
 * A metric's value in its unit: percent metrics are on a 0–100 scale, money in the workspace currency,
 * days with one decimal.
 * @example formatMetric(85.25, 'percent', { lang: 'en', currency: 'CNY' }) // → '85.3%'
 */
export function formatMetric(value: number | null | undefined, unit: Unit, ctx: Ctx): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  switch (unit) {
    case 'percent':
      return `${new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 1 }).format(value)}%`
    case 'money':
      return new Intl.NumberFormat(ctx.lang, {
        style: 'currency',
        currency: ctx.currency,
        notation: Math.abs(value) >= 1_000_000 ? 'compact' : 'standard',
        maximumFractionDigits: Math.abs(value) >= 1_000_000 ? 1 : 0,
      }).format(value)
    case 'days':
    case 'score':
      return new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 1 }).format(value)
    default:
      return new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 0 }).format(value)
  }
}

/**
 * How the value moved since the previous period: a relative change for amounts and counts, the difference
 * for rates, scores and days (a rate going from 80% to 84% moved 4 points, not 5%). `good` says whether
 * the move is in the wanted direction; null when either value is missing or nothing moved.
 */
export function changeOf(
  m: Pick<MetricValue, 'value' | 'previous' | 'unit' | 'higherIsBetter'>,
): { kind: 'relative' | 'difference'; amount: number; good: boolean } | null {
  if (m.value === null || m.previous === null) return null
  const diff = m.value - m.previous
  if (diff === 0) return null
  const good = diff > 0 === m.higherIsBetter
  if (m.unit === 'money' || m.unit === 'count') {
    if (m.previous === 0) return null
    return { kind: 'relative', amount: (diff / Math.abs(m.previous)) * 100, good }
  }
  return { kind: 'difference', amount: diff, good }
}

/** The status colours of north-star progress. */
export const statusColor = {
  met: '#389e0d',
  on_track: '#1f56d6',
  behind: '#d4380d',
  no_data: '#8c8c8c',
} as const

/** The status colours dark enough for small text on white (4.5:1). */
export const statusTextColor = {
  met: '#237804',
  on_track: '#1f56d6',
  behind: '#ad2102',
  no_data: '#595959',
} as const
