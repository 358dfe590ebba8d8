import { mean, sampleStandardDeviation } from 'simple-statistics'

/** Labels in both languages (the job stores both; a request answers in the caller's). */
export type Labels = { en: string; 'zh-CN': string }

/**
 * One input of the clustering: a number (an object-model number/money/percent field or a behaviour
 * measure) or a select field (one-hot, one column per option).
 * `log`: skewed, non-negative amounts and counts are compared on log(1 + x).
 * `ratio`: the trait reads "2.3× the average" (amounts, counts); otherwise "+18" (scores, percentages).
 */
export type FeatureSpec =
  | { kind: 'number'; field: string; label: Labels; log: boolean; ratio: boolean }
  | { kind: 'select'; field: string; label: Labels; options: { value: string; label: Labels }[] }

/** An account's raw values: numbers (or null when missing) and select values (or null). */
export type RawRow = { id: string; values: Record<string, number | string | null | undefined> }

/** One column of the matrix: which field (and option) it comes from and how it was scaled. */
export type Column = {
  field: string
  option?: string
  centre: number
  scale: number
}

/** A select's one-hot column is worth 1/√2, so two accounts that differ in it are 1 apart — one SD of a number. */
export const ONE_HOT = Math.SQRT1_2
/** Fields known for fewer accounts than this share are left out (imputing most of a column invents it). */
export const MIN_COVERAGE = 0.3

const transform = (spec: Extract<FeatureSpec, { kind: 'number' }>, v: number) =>
  spec.log ? Math.log1p(Math.max(0, v)) : v

const numberOf = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * Standardises the rows into a matrix: each number becomes a z-score (missing values take the mean, i.e. 0),
 * each select option a 0 / 1/√2 column. Numbers with no spread or too little coverage, and options no
 * account or every account has, are left out.
 */
export function standardise(rows: RawRow[], specs: FeatureSpec[]) {
  const columns: Column[] = []
  const used: FeatureSpec[] = []
  for (const spec of specs) {
    if (spec.kind === 'number') {
      const known = rows.map((r) => numberOf(r.values[spec.field])).filter((v): v is number => v !== null)
      if (known.length < 2 || known.length < MIN_COVERAGE * rows.length) continue
      const xs = known.map((v) => transform(spec, v))
      const sd = sampleStandardDeviation(xs)
      if (!(sd > 1e-12)) continue
      columns.push({ field: spec.field, centre: mean(xs), scale: sd })
      used.push(spec)
    } else {
      const counts = new Map<string, number>()
      let known = 0
      for (const r of rows) {
        const v = r.values[spec.field]
        if (typeof v !== 'string' || v === '') continue
        known++
        counts.set(v, (counts.get(v) ?? 0) + 1)
      }
      if (known < MIN_COVERAGE * rows.length) continue
      const options = spec.options.filter((o) => {
        const c = counts.get(o.value) ?? 0
        return c > 0 && c < rows.length
      })
      if (!options.length) continue
      for (const o of options)
        columns.push({ field: spec.field, option: o.value, centre: 0, scale: 1 / ONE_HOT })
      used.push(spec)
    }
  }
  const specOf = new Map(used.map((s) => [s.field, s]))
  const matrix = rows.map((r) =>
    columns.map((c) => {
      const spec = specOf.get(c.field)!
      const v = r.values[c.field]
      if (c.option !== undefined) return v === c.option ? ONE_HOT : 0
      const n = numberOf(v)
      if (n === null || spec.kind !== 'number') return 0
      return (transform(spec, n) - c.centre) / c.scale
    }),
  )
  return { matrix, columns, used }
}

/** Squared Euclidean distance. */
export const squaredDistance = (a: number[], b: number[]) => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2
  return s
}
