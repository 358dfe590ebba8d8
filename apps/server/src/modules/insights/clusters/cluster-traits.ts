import { mean, sampleStandardDeviation } from 'simple-statistics'
import type { FeatureSpec, Labels, RawRow } from './cluster-features'

/** A trait as the job stores it: both languages, rendered for the caller at read time. */
export type StoredTrait = {
  field: string
  label: Labels
  direction: 'higher' | 'lower' | 'more' | 'less'
  effect: number
  /** Cohen's d for numbers, Cohen's h for select values: the one scale the traits are ranked on. */
  strength: number
  text: Labels
}

/** A difference of at least this (d or h: "medium" by Cohen's rule of thumb) makes a trait. */
export const MIN_STRENGTH = 0.5
/** How many traits a cluster keeps, and how many its description names. */
export const MAX_TRAITS = 5
export const DESCRIBED = 3

const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) ? n : null
}
const t = (spec: Extract<FeatureSpec, { kind: 'number' }>, v: number) =>
  spec.log ? Math.log1p(Math.max(0, v)) : v
const fmt = (x: number, digits = 1) => Number(x.toFixed(digits)).toString()
const pct = (x: number) => `${Math.round(x * 100)}%`
const signed = (x: number) => (x >= 0 ? `+${fmt(x)}` : `−${fmt(-x)}`)

/** "ARR 2.3× the average" / "health +18" — how a number of a group (or one account) compares with everyone. */
export function numberText(
  spec: Extract<FeatureSpec, { kind: 'number' }>,
  value: number,
  overall: number,
): Labels {
  if (spec.ratio && overall > 0) {
    const r = fmt(value / overall)
    return { en: `${spec.label.en} ${r}× the average`, 'zh-CN': `${spec.label['zh-CN']}为平均的 ${r} 倍` }
  }
  const d = value - overall
  return {
    en: `${spec.label.en} ${signed(d)}`,
    'zh-CN': `${spec.label['zh-CN']}${d >= 0 ? '高' : '低'}于平均 ${fmt(Math.abs(d))}`,
  }
}

/** "80% manufacturing (industry), vs 20% elsewhere". */
export function optionText(fieldLabel: Labels, optionLabel: Labels, inside: number, outside: number): Labels {
  return {
    en: `${pct(inside)} ${optionLabel.en} (${fieldLabel.en}), vs ${pct(outside)} elsewhere`,
    'zh-CN': `${pct(inside)} 为${optionLabel['zh-CN']}（${fieldLabel['zh-CN']}），其余客户 ${pct(outside)}`,
  }
}

/**
 * What sets one group of accounts apart from the rest: for each number, the standardised mean difference
 * (Cohen's d: difference of the means on the compared scale ÷ the standard deviation over all accounts);
 * for each select value, the share inside minus the share outside, ranked by Cohen's h. Traits at least
 * "medium" (0.5), strongest first, at most five.
 */
export function traitsOf(rows: RawRow[], inside: boolean[], specs: FeatureSpec[]): StoredTrait[] {
  const out: StoredTrait[] = []
  const nIn = inside.filter(Boolean).length
  const nOut = rows.length - nIn
  if (!nIn || !nOut) return out
  for (const spec of specs) {
    if (spec.kind === 'number') {
      const all: number[] = []
      const raw: number[] = []
      const rawIn: number[] = []
      const a: number[] = []
      const b: number[] = []
      rows.forEach((r, i) => {
        const v = num(r.values[spec.field])
        if (v === null) return
        all.push(t(spec, v))
        raw.push(v)
        if (inside[i]) {
          a.push(t(spec, v))
          rawIn.push(v)
        } else b.push(t(spec, v))
      })
      if (a.length < 2 || b.length < 2) continue
      const sd = sampleStandardDeviation(all)
      if (!(sd > 1e-12)) continue
      const d = (mean(a) - mean(b)) / sd
      if (Math.abs(d) < MIN_STRENGTH) continue
      out.push({
        field: spec.field,
        label: spec.label,
        direction: d > 0 ? 'higher' : 'lower',
        effect: round(d),
        strength: Math.abs(d),
        text: numberText(spec, mean(rawIn), mean(raw)),
      })
    } else {
      for (const o of spec.options) {
        let cIn = 0
        let cOut = 0
        rows.forEach((r, i) => {
          if (r.values[spec.field] !== o.value) return
          if (inside[i]) cIn++
          else cOut++
        })
        const p1 = cIn / nIn
        const p2 = cOut / nOut
        const h = 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2))
        if (Math.abs(h) < MIN_STRENGTH) continue
        out.push({
          field: `${spec.field}=${o.value}`,
          label: {
            en: `${spec.label.en}: ${o.label.en}`,
            'zh-CN': `${spec.label['zh-CN']}：${o.label['zh-CN']}`,
          },
          direction: h > 0 ? 'more' : 'less',
          effect: round(p1 - p2),
          strength: Math.abs(h),
          text: optionText(spec.label, o.label, p1, p2),
        })
      }
    }
  }
  return out.sort((x, y) => y.strength - x.strength || x.field.localeCompare(y.field)).slice(0, MAX_TRAITS)
}

/** The cluster in words: its strongest traits, or that nothing sets it apart. */
export function describe(traits: StoredTrait[]): Labels {
  const named = traits.slice(0, DESCRIBED)
  if (!named.length) return { en: 'Close to the average on every measure', 'zh-CN': '各项指标都接近平均水平' }
  return { en: named.map((x) => x.text.en).join('; '), 'zh-CN': named.map((x) => x.text['zh-CN']).join('；') }
}

const round = (x: number) => Math.round(x * 1000) / 1000
