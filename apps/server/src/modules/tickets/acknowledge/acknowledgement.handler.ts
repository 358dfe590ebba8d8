import type { EventHandler } from '../../../core/events/registry'
import type { JobQueue } from '../../../core/jobs/jobs'
import { acknowledgeTicket } from './acknowledgement.service'

/**
 * Every new ticket — from the API, an import or the portal — is acknowledged to its contact at once.
 * Transactional: the event's receipt, the ticket's acknowledgement row and the queued deliveries commit
 * together, so a repeated event (or a second event for the same ticket) sends nothing more.
 */
export const acknowledgementHandler = (deps: { jobs: JobQueue }): EventHandler => ({
  name: 'tickets.acknowledge',
  events: ['ticket.created'],
  transactional: true,
  async handle(tx, event) {
    if (!event.entityId) return
    await acknowledgeTicket(tx, event.workspaceId, deps.jobs, event.entityId, event.id)
  },
})
