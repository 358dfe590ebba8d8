/** How far a value is towards its target, and whether that is met, on track (≥ 90%), behind or without data. */
export type Progress = { progress: number | null; status: 'met' | 'on_track' | 'behind' | 'no_data' }

const round4 = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * Progress towards a target: value ÷ target, or target ÷ value when lower is better (days, at-risk ARR).
 * Met when the value reaches the target (at or below it when lower is better); on track from 90%.
 * @example progressOf(36, 40, true) // → { progress: 0.9, status: 'on_track' }
 */
export function progressOf(value: number | null, target: number, higherIsBetter: boolean): Progress {
  if (value === null) return { progress: null, status: 'no_data' }
  const met = higherIsBetter ? value >= target : value <= target
  let progress: number
  if (higherIsBetter) progress = target === 0 ? (met ? 1 : 0) : value / target
  else progress = value === 0 ? 1 : target / value
  if (!Number.isFinite(progress)) progress = met ? 1 : 0
  progress = round4(progress)
  return { progress, status: met ? 'met' : progress >= 0.9 ? 'on_track' : 'behind' }
}
