import { systemPrincipal, type Principal } from './access/permissions'
import type { Executor } from './db/types'
import type { EventCause, EventSink } from './events/bus'

/** Who acts, in which workspace, for which request, and where their events go. Passed to every service. */
export type Ctx = {
  ws: string
  principal: Principal
  requestId?: string
  events: EventSink
  /** Set while a rule's actions run, so the events they cause carry the chain (loop cutting). */
  cause?: EventCause
  /** Set (to the request's id) while the approval engine writes a request's outcome to its record. */
  approvalId?: string
}

/** A function that does one unit of work inside a transaction. */
export type TxWork<T> = (tx: Executor) => Promise<T>

/**
 * The context of work the system does on its own (event handlers, jobs, scans, the portal on a
 * contact's behalf): the workspace's system principal, and the cause when a rule's chain led here.
 */
export const systemCtx = (ws: string, events: EventSink, cause?: EventCause | null): Ctx => ({
  ws,
  principal: systemPrincipal(ws),
  events,
  ...(cause ? { cause } : {}),
})
