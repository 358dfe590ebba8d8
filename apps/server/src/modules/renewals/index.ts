import './renewal.events'
import type { EventSink } from '../../core/events/bus'
import type { EventHandler } from '../../core/events/registry'
import type { JobDef } from '../../core/jobs/jobs'
import { renewalsAfterSeedHandler } from './renewal.handler'
import { renewalsScanJob } from './renewal.jobs'

export { contractRenewals } from './renewal.table'
export { registerRenewalRoutes } from './renewal.routes'
export { accountRenewals, renewalBoard, startDueRenewals, RENEWAL_WINDOW_DAYS } from './renewal.service'
export { businessDay, addDays, sumByCurrency } from './renewal-board'

/** The jobs of the renewals module: the hourly scan (manual too). */
export const renewalJobs = (): JobDef[] => [renewalsScanJob]

/** The event handlers of the renewals module: a seeded demo starts its renewal work at once. */
export const renewalHandlers = (deps: { events: EventSink }): EventHandler[] => [
  renewalsAfterSeedHandler(deps),
]
