import { relationshipAlertTypes } from '@openkam/contract'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { Executor } from '../../core/db/types'
import { fieldKeysOf } from './field-metric.service'
import { publishedModels } from './health.repository'
import { recomputeAccounts, refreshDerivedMetrics } from './health.service'
import { systemCtx } from '../../core/context'

/** Records whose changes move derived metrics: meetings, tickets, payments, contacts. */
const watched = ['activity', 'ticket', 'payment', 'contact'].flatMap((e) =>
  ['created', 'updated', 'deleted', 'restored'].map((a) => `${e}.${a}`),
)
/** Relationship alerts opening or closing move `relationship_signals`. */
const alertMoves = ['created', 'resolved', 'reopened', 'deleted', 'restored'].map((a) => `alert.${a}`)

/**
 * Keeps health current when its inputs change: the account's derived metrics are refreshed (recorded
 * only when their value changed) and its score recomputed, in the handler's own transaction. Tier or
 * segment changes (another model may apply) recompute too, and so does a change of a custom field that a
 * published model reads. Time passing is caught by the nightly job.
 */
export const healthInputsHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'health.inputs',
  events: [...watched, ...alertMoves, 'account.updated'],
  async handle(tx, event) {
    const p = event.payload as {
      record?: { id?: string; accountId?: string; type?: string; custom?: Record<string, unknown> }
      before?: { accountId?: string; custom?: Record<string, unknown> }
      changed?: string[]
    }
    if (event.type.startsWith('alert.') && !relationshipAlertTypes.some((t) => t === p.record?.type)) return
    let ids: string[]
    if (event.type === 'account.updated') {
      const moved =
        p.changed?.some((c) => c === 'tier' || c === 'segment') ||
        (p.changed?.includes('custom') && (await readFieldChanged(tx, event.workspaceId, p)))
      if (!moved) return
      ids = [p.record?.id].filter((x): x is string => !!x)
    } else ids = [p.record?.accountId, p.before?.accountId].filter((x): x is string => !!x)
    if (!ids.length) return
    await refreshDerivedMetrics(tx, event.workspaceId, ids)
    await recomputeAccounts(tx, systemCtx(event.workspaceId, deps.events), ids, { reason: 'input' })
  },
})

/** Whether an account's custom values changed in a field some published model reads. */
async function readFieldChanged(
  tx: Executor,
  ws: string,
  p: { record?: { custom?: Record<string, unknown> }; before?: { custom?: Record<string, unknown> } },
) {
  const keys = fieldKeysOf(await publishedModels(tx, ws))
  const same = (k: string) => JSON.stringify(p.before?.custom?.[k]) === JSON.stringify(p.record?.custom?.[k])
  return [...keys].some((k) => !p.before?.custom || !same(k))
}
