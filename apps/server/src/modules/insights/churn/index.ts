import type { JobDef } from '../../../core/jobs/jobs'
import { churnTrainJob } from './churn.jobs'

export { registerChurnRoutes } from './churn.routes'
export { churnModels, churnScores, churnTrainings } from './churn.table'
export { trainWorkspace } from './churn.service'

/** The churn model's training: nightly for every workspace, and on demand. */
export const churnJobs = (): JobDef[] => [churnTrainJob]
