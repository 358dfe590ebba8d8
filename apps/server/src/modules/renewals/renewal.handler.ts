import type { EventSink } from '../../core/events/bus'
import type { EventHandler } from '../../core/events/registry'
import { startDueRenewals } from './renewal.service'

/**
 * A freshly seeded demo workspace gets its renewal work at once, in the background, instead of at the
 * next hourly scan (and without slowing the start-up that seeds it). Transactional with a receipt: once.
 */
export const renewalsAfterSeedHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'renewals.after_seed',
  events: ['demo.seeded'],
  async handle(tx, event) {
    await startDueRenewals(tx, deps.events, event.workspaceId)
  },
})
