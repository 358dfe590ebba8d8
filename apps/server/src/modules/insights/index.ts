import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import type { JobDef } from '../../core/jobs/jobs'
import { clustersJobs, registerClusterRoutes } from './clusters'
import { cohortsJobs, registerCohortRoutes } from './cohorts'
import { churnJobs, registerChurnRoutes } from './churn'
import type { InsightDeps } from './deps'

export type { InsightDeps } from './deps'

/**
 * Insight (SPEC R-16): what the best accounts share (clusters), cohorts compared, and the churn model.
 * Heavy work runs as jobs; the routes read stored results.
 */
export function registerInsightRoutes(app: App, db: Db, deps: InsightDeps) {
  registerClusterRoutes(app, db, deps)
  registerCohortRoutes(app, db, deps)
  registerChurnRoutes(app, db, deps)
}

/** The jobs of the insight module (clustering, the churn model's training and scoring). */
export const insightJobs = (): JobDef[] => [...clustersJobs(), ...cohortsJobs(), ...churnJobs()]
