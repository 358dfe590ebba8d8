/** Pure helpers of the renewal board: business days, months and money totals without floating point. */

/** The business day (Asia/Shanghai, where the workspace calendar lives) of a moment, as YYYY-MM-DD. */
export const businessDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** The months from `from` to `to` inclusive, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

export const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export const lastDayOf = (month: string) => addDays(`${addMonths(month, 1)}-01`, -1)

const cents = (amount: string) => {
  const neg = amount.trim().startsWith('-')
  const [whole, frac = ''] = amount.replace('-', '').trim().split('.')
  const v = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2))
  return neg ? -v : v
}
const fromCents = (v: bigint) => {
  const neg = v < 0n
  const a = neg ? -v : v
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`
}

/**
 * Sums decimal amounts per currency, exactly (numeric(18,2) strings), currencies in alphabetical order.
 * @example sumByCurrency([{amount: '0.10', currency: 'CNY'}, {amount: '0.20', currency: 'CNY'}]) // [{currency: 'CNY', amount: '0.30'}]
 */
export function sumByCurrency(items: { amount: string; currency: string }[]) {
  const totals = new Map<string, bigint>()
  for (const i of items) totals.set(i.currency, (totals.get(i.currency) ?? 0n) + cents(i.amount))
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, v]) => ({ currency, amount: fromCents(v) }))
}
