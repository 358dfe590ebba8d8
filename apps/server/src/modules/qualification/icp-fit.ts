import type { IcpDimension, IcpDimensionResult, IcpTarget } from './qualification.table'

/** An account as the fit reads it: wire field names; `custom` holds custom field values. */
export type FitAccount = Record<string, unknown> & { custom?: Record<string, unknown> | null }

export type IcpFitResult = { fit: number; incomplete: boolean; dimensions: IcpDimensionResult[] }

/** The value of a dimension's field: `custom.<key>` reads a custom field; money reads its amount. */
export function fieldValue(account: FitAccount, field: string): unknown {
  const v = field.startsWith('custom.') ? account.custom?.[field.slice(7)] : account[field]
  if (v && typeof v === 'object' && !Array.isArray(v) && 'amount' in v)
    return (v as { amount: unknown }).amount
  return v
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

/** Whether a known value meets a target: one of the values (any element of a list), or inside the range (both ends included). */
export function meets(target: IcpTarget, v: unknown): boolean {
  if (target.kind === 'values') {
    const wanted = new Set(target.values.map((x) => x.trim().toLowerCase()))
    const list = Array.isArray(v) ? v : [v]
    return list.some((x) => wanted.has(String(x).trim().toLowerCase()))
  }
  // A number, or text that is one (custom fields imported as text); not a list, a flag or a blank.
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  if (!Number.isFinite(n)) return false
  return (target.min == null || n >= target.min) && (target.max == null || n <= target.max)
}

/**
 * How well an account fits an ICP, 0–100: the matched dimensions' share of the total weight, in
 * hundredths. A dimension whose field has no value counts as a miss (the fit never rises by knowing
 * less) and is reported `unknown`; the fit is then marked incomplete.
 * @example icpFit([{field: 'industry', target: {kind: 'values', values: ['saas']}, weight: 1}], {industry: 'saas'}).fit // 100
 */
export function icpFit(dimensions: IcpDimension[], account: FitAccount): IcpFitResult {
  let total = 0
  let matched = 0
  let incomplete = false
  const results: IcpDimensionResult[] = dimensions.map((d) => {
    const value = fieldValue(account, d.field)
    total += d.weight
    let result: IcpDimensionResult['result']
    if (isEmpty(value)) {
      result = 'unknown'
      incomplete = true
    } else if (meets(d.target, value)) {
      result = 'match'
      matched += d.weight
    } else result = 'miss'
    return { field: d.field, label: d.label ?? null, weight: d.weight, result, value: value ?? null }
  })
  const fit = total > 0 ? Math.round((matched * 10_000) / total) / 100 : 0
  return { fit, incomplete, dimensions: results }
}

/** The best of several fits (highest; on a tie the first), or null without any. */
export function bestFit<T extends { fit: number }>(fits: T[]): T | null {
  let best: T | null = null
  for (const f of fits) if (!best || f.fit > best.fit) best = f
  return best
}
