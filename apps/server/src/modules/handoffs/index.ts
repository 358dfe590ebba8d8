import './handoff.events'
import type { EventHandler } from '../../core/events/registry'
import type { JobDef } from '../../core/jobs/jobs'
import { handoffOnWonHandler } from './handoff.handler'
import { handoffsScanJob } from './handoff.jobs'
import type { HandoffDeps } from './handoff.service'

export { handoffCollection } from './handoff.collection'
export { handoffs, handoffSettings } from './handoff.table'
export { registerHandoffRoutes } from './handoff.routes'
export { handoffRuleTemplates } from './handoff-rules'
export { latestValueGoal } from './handoff.repository'
export { loadHandoffSettings } from './handoff-settings.service'
export { openHandoffForWonDeal, submitHandoff, validateHandoff, type HandoffDeps } from './handoff.service'
export { escalateOverdueHandoffs } from './handoff.scan'

/** The event handlers of the handoffs module: winning a deal opens its handoff. */
export const handoffHandlers = (deps: HandoffDeps): EventHandler[] => [handoffOnWonHandler(deps)]

/** The jobs of the handoffs module: the escalation scan (every minute, manual). */
export const handoffJobs = (): JobDef[] => [handoffsScanJob]
