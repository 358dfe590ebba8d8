import './milestone.events'
import './value-kpi.events'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobDef } from '../../core/jobs/jobs'
import { lifecycleHandler } from './lifecycle.handler'
import { lifecycleRecomputeJob } from './lifecycle.jobs'

export { milestoneCollection } from './milestone.collection'
export { milestones, milestoneConfirmations } from './milestone.table'
export { valueKpiCollection } from './value-kpi.collection'
export { valueKpis } from './value-kpi.table'
export { registerLifecycleRoutes } from './lifecycle.routes'
export { deriveStage } from './lifecycle'
export {
  recomputeLifecycle,
  recomputeAllLifecycles,
  settleLifecycleStages,
  accountLifecycle,
} from './lifecycle.service'
export { requestConfirmation, tokenHash } from './milestone.service'
export { valueReport } from './value-report.service'

/** The event handlers of the lifecycle module: record changes recompute their account's stage. */
export const lifecycleHandlers = (deps: { events: EventSink }): EventHandler[] => [lifecycleHandler(deps)]

/** The jobs of the lifecycle module: the nightly recompute (manual too). */
export const lifecycleJobs = (): JobDef[] => [lifecycleRecomputeJob]
