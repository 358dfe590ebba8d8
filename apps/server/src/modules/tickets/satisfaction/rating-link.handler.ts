import type { EventSink } from '../../../core/events/bus'
import type { EventHandler } from '../../../core/events/registry'
import type { JobQueue } from '../../../core/jobs/jobs'
import { sendRatingLink } from './rating.service'

const done = (s: unknown) => s === 'resolved' || s === 'closed'

/** When a ticket becomes resolved or closed, its contact gets the satisfaction link (once per ticket). */
export const ratingLinkHandler = (deps: { jobs: JobQueue; events: EventSink }): EventHandler => ({
  name: 'tickets.rating_link',
  events: ['ticket.updated'],
  async handle(tx, event) {
    const p = event.payload as {
      record?: { id?: string; status?: string }
      before?: { status?: string }
      changed?: string[]
    }
    if (!p.changed?.includes('status') || !done(p.record?.status) || done(p.before?.status)) return
    if (p.record?.id) await sendRatingLink(tx, event.workspaceId, deps, p.record.id)
  },
})
