import type { SurveyCategory, SurveyKind } from '@openkam/contract'

/** The scale of each kind of survey: NPS 0–10, CSAT 1–5. */
export const scaleOf = (kind: SurveyKind): { min: number; max: number } =>
  kind === 'csat' ? { min: 1, max: 5 } : { min: 0, max: 10 }

/** Whether a score is a whole number on the survey's scale. */
export const validScore = (kind: SurveyKind, score: number) => {
  const { min, max } = scaleOf(kind)
  return Number.isInteger(score) && score >= min && score <= max
}

/**
 * The category of an answer. NPS: 9–10 promoter, 7–8 passive, 0–6 detractor (the standard cut).
 * CSAT: 4–5 satisfied (promoter), 3 neutral (passive), 1–2 dissatisfied (detractor).
 * @example categoryOf('nps', 6) // 'detractor'
 */
export function categoryOf(kind: SurveyKind, score: number): SurveyCategory {
  if (kind === 'csat') return score >= 4 ? 'promoter' : score === 3 ? 'passive' : 'detractor'
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

/**
 * Net Promoter Score: % promoters − % detractors, −100…100, one decimal; null without answers.
 * @example npsOf({ promoters: 5, passives: 2, detractors: 3 }) // 20
 */
export function npsOf(c: { promoters: number; passives: number; detractors: number }): number | null {
  const n = c.promoters + c.passives + c.detractors
  if (n === 0) return null
  return Math.round(((c.promoters - c.detractors) * 1000) / n) / 10
}

/** The counts and NPS of a list of categories. */
export function tally(categories: SurveyCategory[]) {
  const promoters = categories.filter((c) => c === 'promoter').length
  const passives = categories.filter((c) => c === 'passive').length
  const detractors = categories.filter((c) => c === 'detractor').length
  return {
    responses: categories.length,
    promoters,
    passives,
    detractors,
    nps: npsOf({ promoters, passives, detractors }),
  }
}
