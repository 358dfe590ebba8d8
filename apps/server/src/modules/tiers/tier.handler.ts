import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { evaluateTiers, tierSystemCtx } from './tier.service'

/** Account changes that can move its tier. */
const inputs = ['annualSpend', 'deletedAt']

/**
 * Keeps tiers current: a new or restored account, or a change of its annual spend, is evaluated at once
 * (in the handler's own transaction). Changes the tiers
 * module makes itself (the `tier` field) are not inputs, so this does not loop.
 */
export const tierInputsHandler = (deps: { events: EventSink; jobs: JobQueue }): EventHandler => ({
  name: 'tiers.inputs',
  events: ['account.created', 'account.updated', 'account.restored', 'import.completed'],
  async handle(tx, event) {
    // An import writes its accounts in bulk with one summary event: evaluate the workspace in the background.
    if (event.type === 'import.completed') {
      const p = event.payload as { object?: string; created?: number }
      if (p.object === 'accounts' && p.created)
        await deps.jobs.send(tx, 'tiers_evaluate', { ws: event.workspaceId })
      return
    }
    const ctx = tierSystemCtx(event.workspaceId, deps.events)
    const p = event.payload as { record?: { id?: string }; changed?: string[] }
    if (event.type === 'account.updated' && !p.changed?.some((c) => inputs.includes(c))) return
    if (!p.record?.id) return
    await evaluateTiers(tx, ctx, { ids: [p.record.id] })
  },
})
