import './renewal.events'
import type { JobDef } from '../../core/jobs/jobs'
import { renewalsScanJob } from './renewal.jobs'

export { contractRenewals } from './renewal.table'
export { registerRenewalRoutes } from './renewal.routes'
export { accountRenewals, renewalBoard, startDueRenewals, RENEWAL_WINDOW_DAYS } from './renewal.service'
export { businessDay, addDays, sumByCurrency } from './renewal-board'

/** The jobs of the renewals module: the hourly scan (manual too). */
export const renewalJobs = (): JobDef[] => [renewalsScanJob]
