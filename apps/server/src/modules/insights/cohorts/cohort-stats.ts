import jStat from 'jstat'
import { mean, sampleVariance, sum } from 'simple-statistics'

/** z for a two-sided 95% interval (1.95996…). */
export const Z95 = jStat.normal.inv(0.975, 0, 1)

export type Interval = [number, number]
/** One group's figure and the comparison of A with B: `difference` = A − B, null when a group has no data. */
export type Comparison = {
  a: { n: number; value: number | null }
  b: { n: number; value: number | null }
  difference: number | null
  ci95: Interval | null
  /** Why the figures cannot say much: a group is empty, or a sample is below the rule's minimum. */
  warning?: 'empty' | 'small'
}

/** The smallest sample that says anything: 30 units a group, and (for rates) 5 successes and 5 failures. */
export const MIN_N = 30
export const MIN_EVENTS = 5

/**
 * Wilson score interval of a proportion x/n.
 * @example wilson(8, 10) // ≈ [0.4902, 0.9433]
 */
export function wilson(x: number, n: number, z = Z95): Interval {
  const p = x / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [centre - half, centre + half]
}

/**
 * Two proportions compared: p₁ − p₂ with Newcombe's hybrid score interval (his method 10, from the two
 * Wilson intervals) — better than the plain Wald interval when a rate is near 0 or 1 or n is small.
 */
export function compareProportions(a: { x: number; n: number }, b: { x: number; n: number }): Comparison {
  const value = (g: { x: number; n: number }) => (g.n ? g.x / g.n : null)
  const out: Comparison = {
    a: { n: a.n, value: value(a) },
    b: { n: b.n, value: value(b) },
    difference: null,
    ci95: null,
  }
  if (!a.n || !b.n) return { ...out, warning: 'empty' }
  const p1 = a.x / a.n
  const p2 = b.x / b.n
  const [l1, u1] = wilson(a.x, a.n)
  const [l2, u2] = wilson(b.x, b.n)
  const d = p1 - p2
  const small = [a, b].some((g) => g.n < MIN_N || g.x < MIN_EVENTS || g.n - g.x < MIN_EVENTS)
  return {
    ...out,
    difference: d,
    ci95: [d - Math.hypot(p1 - l1, u2 - p2), d + Math.hypot(u1 - p1, p2 - l2)],
    ...(small ? { warning: 'small' as const } : {}),
  }
}

/** A group's values in summary: how many, their mean and sample variance (what the database hands back). */
export type MeanSummary = { n: number; mean: number; variance: number }

/** The summary of a list of values (for fixtures and small groups). */
export const summarize = (xs: number[]): MeanSummary => ({
  n: xs.length,
  mean: xs.length ? mean(xs) : 0,
  variance: xs.length > 1 ? sampleVariance(xs) : 0,
})

/** Two means compared: the difference with Welch's t interval (unequal variances, Welch–Satterthwaite df). */
export function compareMeans(a: MeanSummary, b: MeanSummary): Comparison {
  const out: Comparison = {
    a: { n: a.n, value: a.n ? a.mean : null },
    b: { n: b.n, value: b.n ? b.mean : null },
    difference: null,
    ci95: null,
  }
  if (!a.n || !b.n) return { ...out, warning: 'empty' }
  const d = a.mean - b.mean
  const small = a.n < MIN_N || b.n < MIN_N
  // One value in a group has no variance: the difference stands, its interval cannot be said.
  if (a.n < 2 || b.n < 2) return { ...out, difference: d, warning: 'small' }
  const va = a.variance / a.n
  const vb = b.variance / b.n
  const se = Math.sqrt(va + vb)
  if (se === 0) return { ...out, difference: d, ci95: [d, d], ...(small ? { warning: 'small' } : {}) }
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1))
  const t = jStat.studentt.inv(0.975, df)
  return { ...out, difference: d, ci95: [d - t * se, d + t * se], ...(small ? { warning: 'small' } : {}) }
}

/**
 * A group's accounts' recurring revenue a year ago (s) and now (e), summed: n, Σs, Σe, Σs², Σe², Σse —
 * all the ratio and its variance need, so the database hands back six numbers, not every account.
 */
export type RetentionSums = { n: number; s: number; e: number; ss: number; ee: number; se: number }

/** The sums of a list of (start, end) pairs (for fixtures). */
export const retentionSumsOf = (pairs: { start: number; end: number }[]): RetentionSums => ({
  n: pairs.length,
  s: sum(pairs.map((p) => p.start)),
  e: sum(pairs.map((p) => p.end)),
  ss: sum(pairs.map((p) => p.start * p.start)),
  ee: sum(pairs.map((p) => p.end * p.end)),
  se: sum(pairs.map((p) => p.start * p.end)),
})

/**
 * Net revenue retention of a group, R = Σ end ÷ Σ start (expansion − contraction − churn are in the ends),
 * and the variance of that ratio by the delta method: Σ (eᵢ − R·sᵢ)² ÷ (n(n−1)·mean(s)²), the sum of
 * squares expanded as Σe² − 2RΣse + R²Σs².
 */
export function retention(g: RetentionSums): { n: number; value: number | null; variance: number | null } {
  if (!g.n || g.s <= 0) return { n: g.n, value: null, variance: null }
  const r = g.e / g.s
  if (g.n < 2) return { n: g.n, value: r, variance: null }
  const residual = Math.max(0, g.ee - 2 * r * g.se + r * r * g.ss)
  const meanStart = g.s / g.n
  return { n: g.n, value: r, variance: residual / (g.n * (g.n - 1) * meanStart ** 2) }
}

/** Two groups' net revenue retention compared: the difference with a normal interval on the delta-method variances. */
export function compareRetention(a: RetentionSums, b: RetentionSums): Comparison {
  const ra = retention(a)
  const rb = retention(b)
  const out: Comparison = {
    a: { n: ra.n, value: ra.value },
    b: { n: rb.n, value: rb.value },
    difference: null,
    ci95: null,
  }
  if (ra.value === null || rb.value === null) return { ...out, warning: 'empty' }
  const d = ra.value - rb.value
  const small = ra.n < MIN_N || rb.n < MIN_N
  if (ra.variance === null || rb.variance === null) return { ...out, difference: d, warning: 'small' }
  const half = Z95 * Math.sqrt(ra.variance + rb.variance)
  return { ...out, difference: d, ci95: [d - half, d + half], ...(small ? { warning: 'small' } : {}) }
}
