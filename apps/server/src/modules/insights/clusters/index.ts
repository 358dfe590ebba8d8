import type { JobDef } from '../../../core/jobs/jobs'
import { clusterJob } from './cluster.jobs'

export { registerClusterRoutes } from './cluster.routes'
export { insightClusterRuns } from './cluster.table'
export { clusterNow, runClustering } from './cluster-run.service'

/** The clustering job: on demand and nightly. */
export const clustersJobs = (): JobDef[] => [clusterJob]
