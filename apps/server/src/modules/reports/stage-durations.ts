import { opportunityStages, type StageDuration } from '@openkam/contract'

type Stage = (typeof opportunityStages)[number]

/**
 * Every SOP stage in order (a stage without stays as zeros; unknown stages dropped) and the slowest:
 * the one with the highest average, the earlier stage on a tie.
 * @example durationsFrom([{ stage: 'solution', count: 2, avgDays: 5, medianDays: 5, inProgress: 0 }]).slowest // → 'solution'
 */
export function durationsFrom(rows: (Omit<StageDuration, 'stage'> & { stage: string })[]) {
  const byStage = new Map(rows.map((r) => [r.stage, r]))
  const stages: StageDuration[] = opportunityStages.map((stage) => {
    const r = byStage.get(stage)
    return r ? { ...r, stage } : { stage, count: 0, avgDays: null, medianDays: null, inProgress: 0 }
  })
  let slowest: { stage: Stage; avg: number } | null = null
  for (const s of stages) {
    if (s.avgDays !== null && (!slowest || s.avgDays > slowest.avg))
      slowest = { stage: s.stage, avg: s.avgDays }
  }
  return { stages, slowest: slowest?.stage ?? null }
}
