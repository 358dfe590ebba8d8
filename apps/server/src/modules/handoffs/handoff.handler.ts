import type { EventHandler } from '../../core/events/registry'
import type { HandoffDeps } from './handoff.service'
import { openHandoffForWonDeal } from './handoff.service'
import { systemCtx } from '../../core/context'

/**
 * Winning a deal opens its handoff: on `opportunity.updated` whose `status` changed to won (and on a deal
 * created as won, e.g. by an import). Transactional with a receipt, and the handoff is unique per
 * opportunity, so a redelivered event or a deal re-saved as won opens nothing more.
 */
export const handoffOnWonHandler = (deps: HandoffDeps): EventHandler => ({
  name: 'handoffs.open_on_won',
  events: ['opportunity.created', 'opportunity.updated'],
  async handle(tx, event) {
    const p = event.payload as { record?: Record<string, any>; changed?: string[] }
    if (!p.record || p.record.status !== 'won') return
    if (event.type === 'opportunity.updated' && !(p.changed ?? []).includes('status')) return
    await openHandoffForWonDeal(tx, systemCtx(event.workspaceId, deps.events, event.cause), p.record)
  },
})
