import type { ReportBucket, ReportColumn, ReportResult } from '@openkam/contract'

/** What formatting needs besides the value: the language, the workspace currency and the "no value" word. */
export type FormatContext = { lang: string; currency: string; none: string }

const pad = (n: number) => String(n).padStart(2, '0')

/** The ISO week of a UTC date: [ISO year, week number]. */
function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const day = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - day)
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1)
  return [t.getUTCFullYear(), Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7)]
}

/** A date-only value ("2026-07-01") is read as that calendar day; a timestamp as its UTC day. */
const toDate = (v: unknown): Date | null => {
  if (v === null || v === undefined || v === '') return null
  const s = String(v)
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s)
  return Number.isNaN(d.getTime()) ? null : d
}

/**
 * A date bucket's name from its first day.
 * @example bucketLabel('2026-07-01', 'quarter') // → '2026-Q3'
 */
export function bucketLabel(v: unknown, bucket: ReportBucket | undefined): string | null {
  const d = toDate(v)
  if (!d) return null
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
  switch (bucket) {
    case 'year':
      return String(y)
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
    case 'month':
      return `${y}-${pad(m)}`
    case 'week': {
      const [wy, w] = isoWeek(d)
      return `${wy}-W${pad(w)}`
    }
    default:
      return `${y}-${pad(m)}-${pad(day)}`
  }
}

/** A grouping's value as people read it: a date by its bucket, else the server's label, else the value. */
export function groupLabel(result: ReportResult, col: ReportColumn, v: unknown, ctx: FormatContext): string {
  if (v === null || v === undefined || v === '') return ctx.none
  if (col.type === 'date' || col.type === 'datetime') {
    const b = bucketLabel(v, col.bucket ?? 'day')
    if (b) return b
  }
  const label = result.labels[col.key]?.[String(v)]
  if (label !== undefined) return label
  return String(v)
}

const numberOf = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * A measure's value by its column type: money with the currency and thousands separators, a ratio
 * (a fraction) and a percent field (0–100) as percentages, other numbers with separators.
 * @example formatMeasure(0.425, 'ratio', ctx) // → '42.5%'
 */
export function formatMeasure(v: unknown, type: ReportColumn['type'], ctx: FormatContext): string {
  const n = numberOf(v)
  if (n === null) return '—'
  switch (type) {
    case 'money':
      return new Intl.NumberFormat(ctx.lang, {
        style: 'currency',
        currency: ctx.currency,
        maximumFractionDigits: 0,
      }).format(n)
    case 'ratio':
      return new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 1 }).format(n)
    case 'percent':
      return new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 1 }).format(n / 100)
    default:
      return new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 2 }).format(n)
  }
}

/** A short axis label (1.2M, 120万) for large numbers; percentages for ratios and percent fields. */
export function formatAxis(v: number, type: ReportColumn['type'], ctx: FormatContext): string {
  if (type === 'ratio' || type === 'percent') return formatMeasure(v, type, ctx)
  return new Intl.NumberFormat(ctx.lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v)
}

/** The number of a measure cell (null when absent). */
export const measureValue = numberOf

/** Any cell of a result as text: groupings by label, measures formatted. */
export function cellText(result: ReportResult, col: ReportColumn, v: unknown, ctx: FormatContext): string {
  return col.role === 'group' ? groupLabel(result, col, v, ctx) : formatMeasure(v, col.type, ctx)
}

/** The columns of a result split into groupings and measures, with their indexes in a row. */
export function splitColumns(result: ReportResult) {
  const groups: { col: ReportColumn; index: number }[] = []
  const measures: { col: ReportColumn; index: number }[] = []
  result.columns.forEach((col, index) => (col.role === 'group' ? groups : measures).push({ col, index }))
  return { groups, measures }
}

/**
 * The drill-down key of a row: each grouping's raw value keyed by its field path (the column's `field`).
 * @example groupOf(result, ['gold', 12]) // → { 'accountId.tier': 'gold' }
 */
export function groupOf(result: ReportResult, row: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  result.columns.forEach((col, i) => {
    if (col.role === 'group') out[col.field ?? col.key] = row[i] ?? null
  })
  return out
}

/**
 * The change from the previous period, as a fraction (0.25 = 25% more); null when there was nothing
 * before to compare with.
 */
export function changeOf(current: unknown, previous: unknown): number | null {
  const c = numberOf(current)
  const p = numberOf(previous)
  if (c === null || p === null || p === 0) return null
  return (c - p) / Math.abs(p)
}
