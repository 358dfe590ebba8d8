import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import { recomputeAccounts, refreshDerivedMetrics, systemCtx } from './health.service'

/** Records whose changes move derived metrics: meetings, tickets, payments, contacts. */
const watched = ['activity', 'ticket', 'payment', 'contact'].flatMap((e) =>
  ['created', 'updated', 'deleted', 'restored'].map((a) => `${e}.${a}`),
)

/**
 * Keeps health current when its inputs change: the account's derived metrics are refreshed (recorded
 * only when their value changed) and its score recomputed, in the handler's own transaction. Tier or
 * segment changes (another model may apply) recompute too. Time passing is caught by the nightly job.
 */
export const healthInputsHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'health.inputs',
  events: [...watched, 'account.updated'],
  async handle(tx, event) {
    const p = event.payload as {
      record?: { id?: string; accountId?: string }
      before?: { accountId?: string }
      changed?: string[]
    }
    let ids: string[]
    if (event.type === 'account.updated') {
      if (!p.changed?.some((c) => c === 'tier' || c === 'segment')) return
      ids = [p.record?.id].filter((x): x is string => !!x)
    } else ids = [p.record?.accountId, p.before?.accountId].filter((x): x is string => !!x)
    if (!ids.length) return
    await refreshDerivedMetrics(tx, event.workspaceId, ids)
    await recomputeAccounts(tx, systemCtx(event.workspaceId, deps.events), ids, { reason: 'input' })
  },
})
