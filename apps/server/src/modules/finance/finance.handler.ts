import type { EventHandler } from '../../core/events/registry'
import type { JobQueue } from '../../core/jobs/jobs'
import { queueReceivable } from './receivable-sync.service'

/**
 * `contract.approved` → the contract's receivable is queued (in the handler's transaction, once per
 * contract number: a redelivered or replayed event adds nothing).
 */
export const financeContractHandler = (deps: { jobs: JobQueue }): EventHandler => ({
  name: 'finance.contract_approved',
  events: ['contract.approved'],
  transactional: true,
  async handle(tx, event) {
    if (!event.entityId) return
    await queueReceivable(tx, deps.jobs, event.workspaceId, event.entityId)
  },
})
