import type { EventHandler } from '../../core/events/registry'
import type { JobDef, JobQueue } from '../../core/jobs/jobs'
import { financeContractHandler } from './finance.handler'
import { financePullJob, financePushJob, financeSweepJob } from './finance.jobs'
import './finance.events'

export { registerFinanceRoutes } from './finance.routes'
export * as financeTables from './finance.table'
export { financeSecretStore } from './finance-secrets.store'

/** The finance connector's event handler: an approved contract becomes a receivable. */
export const financeHandlers = (deps: { jobs: JobQueue }): EventHandler[] => [financeContractHandler(deps)]

/** Its jobs: one push, the receipts pull (every 15 minutes, manual) and the sweep of lost pushes. */
export const financeJobs = (): JobDef[] => [financePushJob, financePullJob, financeSweepJob]
