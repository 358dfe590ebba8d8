import type { JobDef } from '../../../core/jobs/jobs'

export { registerCohortRoutes } from './cohort.routes'

/** Cohorts need no job: a comparison is a few aggregate statements, answered in the request. */
export const cohortsJobs = (): JobDef[] => []
