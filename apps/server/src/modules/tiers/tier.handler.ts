import type { EventHandler } from '../../core/events/registry'
import type { DomainEvent } from '../../core/events/types'
import type { Executor } from '../../core/db/types'
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
  handle: (tx, event) => evaluateFor(tx, deps, [event]),
  // A batch evaluates each account once (the evaluation reads the account as it stands).
  handleMany: (tx, events) => evaluateFor(tx, deps, events),
})

async function evaluateFor(tx: Executor, deps: { events: EventSink; jobs: JobQueue }, events: DomainEvent[]) {
  const byWs = new Map<string, Set<string>>()
  for (const event of events) {
    // An import writes its accounts in bulk with one summary event: evaluate the workspace in the background.
    if (event.type === 'import.completed') {
      const p = event.payload as { object?: string; created?: number }
      if (p.object === 'accounts' && p.created)
        await deps.jobs.send(tx, 'tiers_evaluate', { ws: event.workspaceId })
      continue
    }
    const p = event.payload as { record?: { id?: string }; changed?: string[] }
    if (event.type === 'account.updated' && !p.changed?.some((c) => inputs.includes(c))) continue
    if (!p.record?.id) continue
    const ids = byWs.get(event.workspaceId) ?? new Set<string>()
    byWs.set(event.workspaceId, ids.add(p.record.id))
  }
  for (const [ws, ids] of byWs) await evaluateTiers(tx, tierSystemCtx(ws, deps.events), { ids: [...ids] })
}
