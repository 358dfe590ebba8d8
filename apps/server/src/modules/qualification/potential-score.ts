import type { FieldError } from '../../core/errors'
import type { PotentialBands, PotentialContribution, ScoringDimension } from './qualification.table'

export type PotentialClass = 'A' | 'B' | 'C'
export type PotentialResult = { total: number; class: PotentialClass; contributions: PotentialContribution[] }

/** The default model of SPEC R-02: strategic fit 30 %, profit potential 30 %, stability 20 %, market influence 20 %. */
export const defaultDimensionWeights = [
  { key: 'strategic_fit', weight: 30 },
  { key: 'profit_potential', weight: 30 },
  { key: 'stability', weight: 20 },
  { key: 'market_influence', weight: 20 },
] as const
export const defaultPotentialBands: PotentialBands = { A: 4, B: 3 }

/** Hundredths of a two-decimal number, exactly (4.0 → 400, 3.99 → 399). */
const cents = (x: number) => Math.round(x * 100)

/**
 * The class of a total: bands are closed below (SPEC R-31), compared in hundredths so that a total of
 * exactly 4.0 is A however it was summed.
 * @example classOf(4, {A: 4, B: 3}) // 'A'
 */
export function classOf(total: number, bands: PotentialBands): PotentialClass {
  const t = cents(total)
  return t >= cents(bands.A) ? 'A' : t >= cents(bands.B) ? 'B' : 'C'
}

/**
 * total = Σ score × weight, weights as fractions of whole percents. Summed in integers (score × percent)
 * and divided once, so 0.3·5 + 0.3·3 + 0.2·4 + 0.2·4 is exactly 4.
 */
export function computePotential(
  dimensions: ScoringDimension[],
  bands: PotentialBands,
  scores: Record<string, number>,
): PotentialResult {
  let sum = 0
  const contributions = dimensions.map((d) => {
    const score = scores[d.key]!
    sum += score * d.weight
    return {
      dimension: d.key,
      label: d.label ?? null,
      weight: d.weight / 100,
      score,
      contribution: (score * d.weight) / 100,
    }
  })
  const total = sum / 100
  return { total, class: classOf(total, bands), contributions }
}

/** What is wrong with the scores for a model: every dimension needs a whole number 1–5, and no other keys. */
export function checkScores(dimensions: ScoringDimension[], scores: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = []
  const keys = new Set(dimensions.map((d) => d.key))
  for (const d of dimensions) {
    const v = scores[d.key]
    if (v === undefined) errors.push({ path: `scores.${d.key}`, message: 'is required (a whole number 1–5)' })
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5)
      errors.push({ path: `scores.${d.key}`, message: 'must be a whole number from 1 to 5' })
  }
  for (const k of Object.keys(scores))
    if (!keys.has(k))
      errors.push({
        path: `scores.${k}`,
        message: `not a dimension of the model; use ${[...keys].join(', ')}`,
      })
  return errors
}

/** The sum of a model's weights, or null when it is exactly 100. */
export function weightSumError(dimensions: { weight: number }[]): number | null {
  const sum = dimensions.reduce((a, d) => a + d.weight, 0)
  return sum === 100 ? null : sum
}

/** Duplicate dimension keys of a model, as field errors. */
export function duplicateKeys(dimensions: { key: string }[]): FieldError[] {
  const seen = new Set<string>()
  const errors: FieldError[] = []
  dimensions.forEach((d, i) => {
    if (seen.has(d.key)) errors.push({ path: `dimensions.${i}.key`, message: `"${d.key}" is used twice` })
    seen.add(d.key)
  })
  return errors
}
