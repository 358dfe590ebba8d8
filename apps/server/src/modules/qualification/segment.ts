import type { SegmentCellSetting, SizeThresholds } from './qualification.table'

export type SizeBand = 'large' | 'growth' | 'small' | 'unknown'
export type Maturity = 'awareness' | 'evaluation' | 'decision' | 'retention'

export const sizeOrder: SizeBand[] = ['large', 'growth', 'small', 'unknown']
export const maturityOrder: Maturity[] = ['awareness', 'evaluation', 'decision', 'retention']

/** Defaults: large group ≥ 2,000 employees (or ≥ 1 bn CNY revenue), growth company ≥ 300 (or ≥ 100 m). */
export const defaultThresholds: SizeThresholds = {
  basis: 'employees',
  large: { employees: 2000, revenue: 1_000_000_000 },
  growth: { employees: 300, revenue: 100_000_000 },
}

/** Stages of an open deal that mean the customer is deciding; other open stages mean evaluating. */
export const decisionStages = new Set(['negotiation', 'implementation', 'account_management'])

/**
 * The size band from the numbers: the basis (employees or revenue) first, the other when it is missing,
 * then the size band set on the account, else `unknown`. Thresholds are closed below.
 */
export function sizeBandOf(
  a: { employees: number | null; annualRevenue: number | null; sizeBand: string | null },
  t: SizeThresholds,
): SizeBand {
  const byEmployees = (n: number): SizeBand =>
    n >= t.large.employees ? 'large' : n >= t.growth.employees ? 'growth' : 'small'
  const byRevenue = (n: number): SizeBand =>
    n >= t.large.revenue ? 'large' : n >= t.growth.revenue ? 'growth' : 'small'
  const e = a.employees ?? null
  const r = a.annualRevenue ?? null
  const order =
    t.basis === 'revenue'
      ? [r !== null ? byRevenue(r) : null, e !== null ? byEmployees(e) : null]
      : [e !== null ? byEmployees(e) : null, r !== null ? byRevenue(r) : null]
  const found = order.find((x) => x !== null)
  if (found) return found
  return a.sizeBand === 'large' || a.sizeBand === 'growth' || a.sizeBand === 'small' ? a.sizeBand : 'unknown'
}

/** What an account's records say about its demand (read in bulk by the repository). */
export type MaturityFacts = {
  /** An active (or approved, not yet ended) contract, or a deal won in the last 365 days. */
  customer: boolean
  /** The stages of its open deals. */
  openStages: string[]
}

/**
 * Demand maturity (SPEC R-03): a customer (active contract or a deal won within a year) is in
 * *retention*; else an open deal in negotiation or later means *decision*; any other open deal
 * (discovery, solution, custom stages) *evaluation*; no open deal *awareness*.
 */
export function maturityOf(f: MaturityFacts): Maturity {
  if (f.customer) return 'retention'
  if (f.openStages.some((s) => decisionStages.has(s))) return 'decision'
  if (f.openStages.length) return 'evaluation'
  return 'awareness'
}

/** The stable segment key, e.g. `manufacturing:large:evaluation` (no industry → `other`). */
export const segmentKey = (industry: string | null, size: SizeBand, maturity: Maturity) =>
  `${industry || 'other'}:${size}:${maturity}`

export function parseSegmentKey(
  key: string,
): { industry: string; size: SizeBand; maturity: Maturity } | null {
  const m = /^([a-z_]+):(large|growth|small|unknown):(awareness|evaluation|decision|retention)$/.exec(key)
  return m ? { industry: m[1]!, size: m[2] as SizeBand, maturity: m[3] as Maturity } : null
}

/** The strategy and service level of a cell: the industry's own cell wins over the general one, field by field. */
export function cellSetting(
  cells: Record<string, SegmentCellSetting>,
  industry: string | null,
  size: SizeBand,
  maturity: Maturity,
): { strategy: string | null; serviceLevel: string | null } {
  const general = cells[`${size}:${maturity}`] ?? {}
  const own = industry ? (cells[`${industry}:${size}:${maturity}`] ?? {}) : {}
  return {
    strategy: own.strategy || general.strategy || null,
    serviceLevel: own.serviceLevel || general.serviceLevel || null,
  }
}
