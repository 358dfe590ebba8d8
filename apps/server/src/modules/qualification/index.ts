import './qualification.events'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobDef, JobQueue } from '../../core/jobs/jobs'
import { qualificationAccountsHandler, qualificationConfigHandler } from './qualification.handler'
import { requalifyJob } from './qualification.jobs'

export { icps, accountIcpFits, scoringModels, potentialScores, segmentSettings } from './qualification.table'
export { icpCollection } from './icp.collection'
export { scoringModelCollection } from './scoring-model.collection'
export { registerQualificationRoutes } from './qualification.routes'
export { installQualificationTemplate } from './qualification-template'
export { requalify, requalifyAll } from './qualification.service'
export { computePotential, classOf } from './potential-score'
export { icpFit } from './icp-fit'
export { defaultThresholds, maturityOf, maturityOrder, sizeBandOf } from './segment'

/** Account, deal and contract changes requalify their account; ICP or threshold changes requalify all. */
export const qualificationHandlers = (deps: { events: EventSink; jobs: JobQueue }): EventHandler[] => [
  qualificationAccountsHandler(deps),
  qualificationConfigHandler(deps),
]

/** The nightly (and on-demand) requalification of every account. */
export const qualificationJobs = (): JobDef[] => [requalifyJob]
