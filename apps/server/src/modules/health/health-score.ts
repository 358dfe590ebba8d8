import type { FieldError } from '../../core/errors'
import type { HealthBands, HealthModelMetric, MetricContribution, MetricScoring } from './health.table'

export type Band = 'healthy' | 'watch' | 'at_risk'

/**
 * `scored`: enough of the model's weight has data for a score and a band. `insufficient_data`: the
 * metrics with a value carry less than the model's minimum share of its weight (or none has a value):
 * no score, no band, so no health alert, no band change and no renewal risk.
 */
export type HealthStatus = 'scored' | 'insufficient_data'

/** The least share of a model's weight that must have data when the model does not say (SPEC R-12). */
export const DEFAULT_MIN_WEIGHT_SHARE = 0.5

/** What scores an account: the model's metrics, bands, look-back and minimum evidence share. */
export type ScoringModel = {
  metrics: HealthModelMetric[]
  bands: HealthBands
  lookbackDays: number
  /** 0–1; default DEFAULT_MIN_WEIGHT_SHARE. */
  minWeightShare?: number | null
}

/** A metric's newest value within the look-back window. */
export type MetricValue = { value: number; at: Date | string }

export type HealthResult = {
  /** Rounded to 2 decimals; null unless the status is `scored`. */
  score: number | null
  band: Band | null
  status: HealthStatus
  /** True when any metric of the model has no value (its weight was spread over the others). */
  incomplete: boolean
  /** The share (0–1) of the model's weight whose metrics have a value. */
  coverage: number
  contributions: MetricContribution[]
}

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100
const clamp = (n: number) => Math.min(100, Math.max(0, n))

/**
 * The band of a score, closed below (SPEC R-31).
 * @example bandOf(80, { healthy: 80, watch: 60 }) // 'healthy'; 59.99 → 'at_risk'
 */
export function bandOf(score: number, bands: HealthBands): Band {
  if (score >= bands.healthy) return 'healthy'
  if (score >= bands.watch) return 'watch'
  return 'at_risk'
}

/** A raw metric value as a 0–100 score. */
export function scoreMetric(scoring: MetricScoring, value: number): number {
  switch (scoring.kind) {
    case 'identity':
      return clamp(value)
    case 'linear': {
      const { from, to } = scoring
      const lo = Math.min(from.value, to.value)
      const hi = Math.max(from.value, to.value)
      const v = Math.min(hi, Math.max(lo, value))
      return clamp(from.score + ((v - from.value) * (to.score - from.score)) / (to.value - from.value))
    }
    case 'bands': {
      const sorted = [...scoring.bands].sort((a, b) => b.min - a.min)
      const hit = sorted.find((b) => value >= b.min)
      return clamp(hit ? hit.score : 0)
    }
  }
}

/**
 * The health of one account under a model (SPEC ): each metric's score, the weights
 * renormalised over the metrics that have a value, contributions that sum exactly to the score, and the
 * band. `values` holds the newest value per metric within the look-back (the caller filters by time).
 */
export function computeHealth(
  model: ScoringModel,
  values: Record<string, MetricValue | undefined>,
): HealthResult {
  const present = model.metrics.filter((m) => values[m.metric] !== undefined)
  const presentWeight = present.reduce((s, m) => s + m.weight, 0)
  const totalWeight = model.metrics.reduce((s, m) => s + m.weight, 0)
  const incomplete = present.length < model.metrics.length
  const coverage = totalWeight > 0 ? Math.round((presentWeight / totalWeight) * 10_000) / 10_000 : 0
  const minShare = model.minWeightShare ?? DEFAULT_MIN_WEIGHT_SHARE
  // Too little evidence: the metrics that have a value are shown with their own score, but no
  // score is renormalised from them — one meeting must not make a new account "at risk".
  if (present.length === 0 || presentWeight <= 0 || coverage + 1e-9 < minShare) {
    return {
      score: null,
      band: null,
      status: 'insufficient_data',
      incomplete: true,
      coverage,
      contributions: model.metrics.map((m) => {
        const v = values[m.metric]
        return v
          ? {
              ...missing(m),
              value: v.value,
              score: round2(scoreMetric(m.scoring, v.value)),
              at: typeof v.at === 'string' ? v.at : v.at.toISOString(),
              missing: false,
            }
          : missing(m)
      }),
    }
  }
  const raw = model.metrics.map((m) => {
    const v = values[m.metric]
    if (!v) return { m, v: null, s: null, eff: 0, c: 0 }
    const s = scoreMetric(m.scoring, v.value)
    const eff = (m.weight * 100) / presentWeight
    return { m, v, s, eff, c: (s * eff) / 100 }
  })
  const score = round2(raw.reduce((sum, r) => sum + r.c, 0))
  // Rounded contributions, with the rounding remainder on the largest, so they sum to the score exactly.
  const rounded = raw.map((r) => (r.v ? round2(r.c) : 0))
  const remainder = round2(score - rounded.reduce((a, b) => a + b, 0))
  if (remainder !== 0) {
    let largest = -1
    raw.forEach((r, i) => {
      if (r.v && (largest < 0 || r.c > raw[largest]!.c)) largest = i
    })
    rounded[largest] = round2(rounded[largest]! + remainder)
  }
  return {
    score,
    band: bandOf(score, model.bands),
    status: 'scored',
    incomplete,
    coverage,
    contributions: raw.map((r, i) =>
      r.v
        ? {
            metric: r.m.metric,
            weight: r.m.weight,
            effectiveWeight: round2(r.eff),
            value: r.v.value,
            score: round2(r.s!),
            contribution: rounded[i]!,
            at: typeof r.v.at === 'string' ? r.v.at : r.v.at.toISOString(),
            missing: false,
          }
        : missing(r.m),
    ),
  }
}

const missing = (m: HealthModelMetric): MetricContribution => ({
  metric: m.metric,
  weight: m.weight,
  effectiveWeight: 0,
  value: null,
  score: null,
  contribution: null,
  at: null,
  missing: true,
})

/** The weight sum must be 100 exactly (to the cent, so 33.33 + 33.33 + 33.34 passes). */
export function checkModel(model: { metrics?: HealthModelMetric[] | null }): FieldError[] {
  const errors: FieldError[] = []
  const metrics = model.metrics ?? []
  const seen = new Set<string>()
  metrics.forEach((m, i) => {
    if (!m.metric?.trim()) errors.push({ path: `metrics.${i}.metric`, message: 'is required' })
    else if (seen.has(m.metric))
      errors.push({ path: `metrics.${i}.metric`, message: `the metric ${m.metric} is used twice` })
    seen.add(m.metric)
    if (!(typeof m.weight === 'number' && Number.isFinite(m.weight) && m.weight > 0))
      errors.push({ path: `metrics.${i}.weight`, message: 'must be a number greater than 0' })
  })
  const sum = round2(metrics.reduce((s, m) => s + (Number.isFinite(m.weight) ? m.weight : 0), 0))
  if (metrics.length && sum !== 100)
    errors.push({ path: 'metrics', message: `the weights sum to ${sum}; they must sum to exactly 100` })
  return errors
}

/** The keys of the model's metrics that have no value in a result (what is missing for a score). */
export const missingMetrics = (contributions: MetricContribution[]) =>
  contributions.filter((c) => c.missing).map((c) => c.metric)

/** The share in 0–1 checked by the API (a specific 400 outside it). */
export function checkMinWeightShare(v: unknown): FieldError[] {
  if (v === undefined || v === null) return []
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1
    ? []
    : [{ path: 'minWeightShare', message: 'must be a share between 0 and 1 (0.5 = half of the weight)' }]
}

type Comparable = {
  score: number | null
  band: string | null
  status?: string
  incomplete: boolean
  contributions: MetricContribution[]
}

/** Whether two results differ in what a snapshot records (score, band, status, completeness, any metric's figures). */
export function sameResult(a: Comparable, b: Comparable): boolean {
  const key = (c: MetricContribution[]) =>
    JSON.stringify(c.map((x) => [x.metric, x.weight, x.value, x.score, x.contribution]))
  return (
    (a.status ?? 'scored') === (b.status ?? 'scored') &&
    a.score === b.score &&
    a.band === b.band &&
    a.incomplete === b.incomplete &&
    key(a.contributions) === key(b.contributions)
  )
}

/** The per-metric diff between two snapshots (R-26: what moved the score). */
export function diffContributions(before: MetricContribution[], after: MetricContribution[]) {
  const keys = [...new Set([...after.map((c) => c.metric), ...before.map((c) => c.metric)])]
  const side = (c?: MetricContribution) => ({
    value: c?.value ?? null,
    score: c?.score ?? null,
    contribution: c?.contribution ?? null,
  })
  return keys
    .map((metric) => {
      const b = side(before.find((c) => c.metric === metric))
      const a = side(after.find((c) => c.metric === metric))
      return { metric, before: b, after: a, delta: round2((a.contribution ?? 0) - (b.contribution ?? 0)) }
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta))
}

/** The default model of the template (SPEC R-12, the case study's weights). */
export const defaultModelMetrics: HealthModelMetric[] = [
  { metric: 'feature_usage', weight: 40, scoring: { kind: 'identity' } },
  {
    metric: 'meeting_minutes',
    weight: 30,
    scoring: { kind: 'linear', from: { value: 0, score: 0 }, to: { value: 120, score: 100 } },
  },
  {
    metric: 'issue_feedback',
    weight: 20,
    scoring: { kind: 'linear', from: { value: 0, score: 100 }, to: { value: 10, score: 0 } },
  },
  {
    metric: 'nps',
    weight: 10,
    scoring: { kind: 'linear', from: { value: -100, score: 0 }, to: { value: 100, score: 100 } },
  },
]
export const defaultBands: HealthBands = { healthy: 80, watch: 60 }
