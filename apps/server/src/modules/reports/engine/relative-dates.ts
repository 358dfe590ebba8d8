import { RELATIVE_DATE, type ReportBucket } from '@openkam/contract'

/** A span of days: `from` inclusive, `to` exclusive, both 'YYYY-MM-DD' (UTC days, as the other reports). */
export type DaySpan = { from: string; to: string }

const DAY = 86_400_000
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())

/** The first day of the bucket holding `t` (weeks start on Monday). */
function bucketStart(t: number, unit: ReportBucket): number {
  const d = new Date(t)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  switch (unit) {
    case 'day':
      return t
    case 'week':
      return t - ((d.getUTCDay() + 6) % 7) * DAY
    case 'month':
      return Date.UTC(y, m, 1)
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1)
    case 'year':
      return Date.UTC(y, 0, 1)
  }
}

/** The bucket after the one starting at `start`, `n` buckets on (negative: back). */
function addBuckets(start: number, unit: ReportBucket, n: number): number {
  const d = new Date(start)
  switch (unit) {
    case 'day':
      return start + n * DAY
    case 'week':
      return start + 7 * n * DAY
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3 * n, 1)
    case 'year':
      return Date.UTC(d.getUTCFullYear() + n, 0, 1)
  }
}

export const isRelativeDate = (v: unknown): v is string => typeof v === 'string' && RELATIVE_DATE.test(v)

/**
 * The days a relative period covers on `today`; `shift` moves it whole periods (−1: the period before,
 * for comparisons). `last_N_days` ends with today, `next_N_days` starts tomorrow.
 * @example relativeSpan('this_quarter', new Date('2026-08-15')) // → { from: '2026-07-01', to: '2026-10-01' }
 * @example relativeSpan('last_30_days', new Date('2026-08-15'), -1) // → { from: '2026-06-17', to: '2026-07-17' }
 */
export function relativeSpan(value: string, today: Date, shift = 0): DaySpan {
  const m = RELATIVE_DATE.exec(value)
  if (!m) throw new Error(`not a relative period: ${value}`)
  const t = utcDay(today)
  const span = (from: number, to: number): DaySpan => {
    const len = to - from
    return { from: iso(from + shift * len), to: iso(to + shift * len) }
  }
  if (value === 'today') return span(t, t + DAY)
  if (value === 'yesterday') return span(t - DAY, t)
  if (m[5]) {
    const n = Number(m[5])
    return m[4] === 'last' ? span(t - (n - 1) * DAY, t + DAY) : span(t + DAY, t + (n + 1) * DAY)
  }
  const unit = m[3] as ReportBucket
  const start = addBuckets(bucketStart(t, unit), unit, (m[2] === 'last' ? -1 : 0) + shift)
  return { from: iso(start), to: iso(addBuckets(start, unit, 1)) }
}

/** The first day of the bucket after the one starting on `day` (for a drill into one bucket). */
export function nextBucket(day: string, unit: ReportBucket): string {
  return iso(addBuckets(bucketStart(Date.parse(`${day}T00:00:00Z`), unit), unit, 1))
}

/** A bucket's name: 2026-07-14 (day), 2026-W29 week of…, 2026-07, 2026-Q3, 2026. */
export function bucketLabel(day: string, unit: ReportBucket, lang: 'en' | 'zh-CN'): string {
  const [y, mo] = [day.slice(0, 4), Number(day.slice(5, 7))]
  switch (unit) {
    case 'day':
      return day
    case 'week':
      return lang === 'zh-CN' ? `${day} 当周` : `Week of ${day}`
    case 'month':
      return day.slice(0, 7)
    case 'quarter':
      return `${y}-Q${Math.floor((mo - 1) / 3) + 1}`
    case 'year':
      return y
  }
}
