import type { MetricPeriod } from '@openkam/contract'

/** A span of whole UTC days: inclusive `from`/`to` dates and the half-open instants [start, end). */
export type Span = { from: string; to: string; start: Date; end: Date }

const DAY = 86_400_000
const iso = (d: Date) => d.toISOString().slice(0, 10)
const months: Record<MetricPeriod, number> = { month: 1, quarter: 3, year: 12 }

/** The span from the first day of month `m` (0-based, may overflow) of year `y`, `n` months long. */
function monthsSpan(y: number, m: number, n: number): Span {
  const start = new Date(Date.UTC(y, m, 1))
  const end = new Date(Date.UTC(y, m + n, 1))
  return { from: iso(start), to: iso(new Date(end.getTime() - DAY)), start, end }
}

/**
 * The calendar month, quarter or year (UTC) that holds `today`, and the one before it.
 * @example periodSpans('quarter', new Date('2026-12-05')) // → current 2026-10-01…2026-12-31, previous 2026-07-01…2026-09-30
 */
export function periodSpans(period: MetricPeriod, today: Date): { current: Span; previous: Span } {
  const n = months[period]
  const y = today.getUTCFullYear()
  const m = Math.floor(today.getUTCMonth() / n) * n
  return { current: monthsSpan(y, m, n), previous: monthsSpan(y, m - n, n) }
}

/**
 * The last `n` calendar months up to and including the one holding `today`, oldest first.
 * @example lastMonths(2, new Date('2026-01-15')) // → ['2025-12', '2026-01'] as spans
 */
export function lastMonths(n: number, today: Date): (Span & { month: string })[] {
  const y = today.getUTCFullYear()
  const m = today.getUTCMonth()
  return Array.from({ length: n }, (_, i) => {
    const s = monthsSpan(y, m - n + 1 + i, 1)
    return { ...s, month: s.from.slice(0, 7) }
  })
}

/** The Monday of the ISO week holding `d` (UTC). */
const mondayOf = (d: Date) => new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY)
const dayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
const spanOfDays = (start: Date, days: number): Span => {
  const end = new Date(start.getTime() + days * DAY)
  return { from: iso(start), to: iso(new Date(end.getTime() - DAY)), start, end }
}

/**
 * A dashboard's relative period (`this_quarter`, `last_90_days`, …; contract RELATIVE_DATE) as a span of
 * days, weeks starting on Monday. `last_N_days` ends today; `next_N_days` starts today.
 * @example relativeSpan('last_month', new Date('2026-03-10')) // → 2026-02-01…2026-02-28
 */
export function relativeSpan(period: string, today: Date): Span | null {
  const t = dayStart(today)
  const y = t.getUTCFullYear()
  const m = t.getUTCMonth()
  const n = /^(last|next)_(\d+)_days$/.exec(period)
  if (n) {
    const days = Number(n[2])
    return n[1] === 'last' ? spanOfDays(new Date(t.getTime() - (days - 1) * DAY), days) : spanOfDays(t, days)
  }
  switch (period) {
    case 'today':
      return spanOfDays(t, 1)
    case 'yesterday':
      return spanOfDays(new Date(t.getTime() - DAY), 1)
    case 'this_week':
      return spanOfDays(mondayOf(t), 7)
    case 'last_week':
      return spanOfDays(new Date(mondayOf(t).getTime() - 7 * DAY), 7)
    case 'this_month':
      return monthsSpan(y, m, 1)
    case 'last_month':
      return monthsSpan(y, m - 1, 1)
    case 'this_quarter':
      return monthsSpan(y, Math.floor(m / 3) * 3, 3)
    case 'last_quarter':
      return monthsSpan(y, Math.floor(m / 3) * 3 - 3, 3)
    case 'this_year':
      return monthsSpan(y, 0, 12)
    case 'last_year':
      return monthsSpan(y - 1, 0, 12)
    default:
      return null
  }
}

/**
 * The instant a metric is computed at under a dashboard's relative period: today, unless the period
 * ended before today (`last_quarter`, `yesterday`), then its last instant — so a dashboard filtered to
 * last quarter shows last quarter's figures beside the quarter before.
 * @example anchorOf('last_quarter', new Date('2026-12-05')) // → 2026-09-30T23:59:59.999Z
 */
export function anchorOf(period: string | undefined, today: Date): Date {
  const span = period ? relativeSpan(period, today) : null
  return span && span.end.getTime() <= today.getTime() ? new Date(span.end.getTime() - 1) : today
}
