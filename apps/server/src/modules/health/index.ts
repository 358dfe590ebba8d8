import './health.events'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobDef, JobQueue } from '../../core/jobs/jobs'
import { healthInputsHandler } from './health.handler'
import { healthAccountsJob, healthPendingRefreshJob, healthRecomputeJob } from './health.jobs'
import { useRecomputeQueue } from './metric.repository'

export { healthModels, metricValues, usageEvents, healthSnapshots, healthOverrides } from './health.table'
export type { HealthModelMetric, MetricScoring, HealthBands, MetricContribution } from './health.table'
export { recordMetrics, type MetricInput } from './metric.repository'
export { healthModelCollection } from './health-model.collection'
export { installHealthTemplate } from './health-template'
export { registerHealthRoutes } from './health.routes'
export { bandOf, computeHealth } from './health-score'
export { recomputeAccounts, recomputeAllHealth, refreshDerivedMetrics } from './health.service'
export { accountHealth } from './health-read.service'

/**
 * The event handlers of the health module: changed inputs recompute their account. Also hands the job
 * queue to recordMetrics, so metrics recorded by other modules queue a recompute.
 */
export const healthHandlers = (deps: { events: EventSink; jobs: JobQueue }): EventHandler[] => {
  useRecomputeQueue(deps.jobs)
  return [healthInputsHandler(deps)]
}

/**
 * The jobs of the health module: the nightly recompute (manual too), the per-account recompute and the
 * refresh of the accounts whose usage events arrived.
 */
export const healthJobs = (): JobDef[] => [healthRecomputeJob, healthAccountsJob, healthPendingRefreshJob]
export { recordMetricsSilently } from './demo-support'
