/**
 * Revenue retention (issue 23, point 4), pure: from contracts' spans and amounts, per period and group,
 * the annualised contract value (ARR) in force on the period's first day and on its last (today for the
 * running period), over the accounts that had some on the first day.
 *
 *   expansion   = Σ over those accounts of max(0, end − start)
 *   contraction = Σ of (start − end) where 0 < end < start
 *   churned     = Σ of start where end = 0
 *   GRR = (start − contraction − churned) ÷ start      NRR = (start + expansion − contraction − churned) ÷ start
 */

export type RetentionPeriod = 'month' | 'quarter' | 'year'
/** One signed contract: its account's group (tier, owner, …), its dates (inclusive) and amount. */
export type ContractSpan = {
  accountId: string
  group: string | null
  startDate: string
  endDate: string
  amount: number
}
export type Span = { from: string; to: string; running: boolean }
export type Figures = {
  key: string | null
  accounts: number
  startArr: number
  endArr: number
  expansion: number
  contraction: number
  churned: number
  grr: number | null
  nrr: number | null
}

const DAY = 86_400_000
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10)
const money = (v: number) => Math.round(v * 100) / 100
const percent = (n: number, d: number) => (d > 0 ? Math.round((n * 1000) / d) / 10 : null)

/** How many periods a report shows: a year of months, two years of quarters, three years. */
export const periodCounts: Record<RetentionPeriod, number> = { month: 12, quarter: 8, year: 3 }

/**
 * The last `count` periods of a kind, oldest first, the one running on `today` last.
 * @example periodsOf('quarter', '2026-05-10', 2) // [{from:'2026-01-01',to:'2026-03-31'}, {from:'2026-04-01',to:'2026-06-30',running:true}]
 */
export function periodsOf(kind: RetentionPeriod, today: string, count = periodCounts[kind]): Span[] {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12
  const first = kind === 'year' ? 0 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 : m - 1
  const out: Span[] = []
  for (let i = count - 1; i >= 0; i--) {
    const start = first - i * months
    out.push({ from: iso(y, start, 1), to: iso(y, start + months, 0), running: i === 0 })
  }
  return out
}

/** A contract's annualised value: amount × 365 ÷ its length in days. */
export const annualised = (c: ContractSpan) => (c.amount * 365) / (dayNo(c.endDate) - dayNo(c.startDate) + 1)

const inForce = (c: ContractSpan, d: string) => c.startDate <= d && c.endDate >= d

/** The figures of one span, per group (`at`: the day the end value is taken, the span's last or today). */
export function retentionOf(contracts: ContractSpan[], from: string, at: string): Figures[] {
  const perAccount = new Map<string, { group: string | null; start: number; end: number }>()
  for (const c of contracts) {
    if (c.endDate < c.startDate) continue
    const a = perAccount.get(c.accountId) ?? { group: c.group, start: 0, end: 0 }
    if (inForce(c, from)) a.start += annualised(c)
    if (inForce(c, at)) a.end += annualised(c)
    perAccount.set(c.accountId, a)
  }
  const groups = new Map<string | null, Figures>()
  for (const a of perAccount.values()) {
    if (a.start <= 0) continue
    const g = groups.get(a.group) ?? {
      key: a.group,
      accounts: 0,
      startArr: 0,
      endArr: 0,
      expansion: 0,
      contraction: 0,
      churned: 0,
      grr: null,
      nrr: null,
    }
    g.accounts++
    g.startArr += a.start
    g.endArr += a.end
    if (a.end > a.start) g.expansion += a.end - a.start
    else if (a.end > 0) g.contraction += a.start - a.end
    else g.churned += a.start
    groups.set(a.group, g)
  }
  return [...groups.values()]
    .map((g) => ({
      ...g,
      startArr: money(g.startArr),
      endArr: money(g.endArr),
      expansion: money(g.expansion),
      contraction: money(g.contraction),
      churned: money(g.churned),
      grr: percent(g.startArr - g.contraction - g.churned, g.startArr),
      nrr: percent(g.startArr + g.expansion - g.contraction - g.churned, g.startArr),
    }))
    .sort((x, y) => y.startArr - x.startArr || String(x.key).localeCompare(String(y.key)))
}

/** Every span's figures: the running one measured on `today`. */
export const retentionByPeriod = (contracts: ContractSpan[], spans: Span[], today: string) =>
  spans.map((s) => ({
    ...s,
    groups: retentionOf(contracts, s.from, s.running && today < s.to ? today : s.to),
  }))
