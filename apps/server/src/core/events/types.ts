/**
 * The typed map of domain events, `<entity>.<past_tense>` → payload.
 * Modules add their events by augmenting this interface:
 * @example declare module '../../core/events/types' { interface EventMap { 'account.created': { record: AccountRecord } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventType = keyof EventMap & string

export type DomainEvent<T extends string = string> = {
  id: string
  type: T
  workspaceId: string
  entityType: string
  entityId: string | null
  payload: T extends EventType ? EventMap[T] : Record<string, unknown>
  actorId: string | null
  requestId: string | null
  occurredAt: string
  /** The rule run that caused this event, if any (see EventCause). */
  cause?: { ruleId: string; runId: string; depth: number } | null
}

export type NewEvent<T extends string = string> = {
  type: T
  entityType: string
  entityId?: string | null
  payload: T extends EventType ? EventMap[T] : Record<string, unknown>
}
