import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import { recomputeLifecycle } from './lifecycle.service'
import { systemCtx } from '../../core/context'

const watched = ['opportunity', 'contract', 'handoff', 'milestone'].flatMap((e) =>
  ['created', 'updated', 'deleted', 'restored'].map((a) => `${e}.${a}`),
)

/**
 * Keeps accounts' lifecycle stages current: a change to a deal, contract, handoff or milestone
 * recomputes its account (and the previous one, when the record moved). Time passing (a contract coming
 * within 90 days of its end, a win growing old) is caught by the nightly `lifecycle_recompute`.
 */
export const lifecycleHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'lifecycle.recompute',
  events: watched,
  async handle(tx, event) {
    const p = event.payload as { record?: { accountId?: string }; before?: { accountId?: string } }
    const ids = [p.record?.accountId, p.before?.accountId].filter((x): x is string => !!x)
    if (ids.length) await recomputeLifecycle(tx, systemCtx(event.workspaceId, deps.events, event.cause), ids)
  },
})
