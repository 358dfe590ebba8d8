import type PgBoss from 'pg-boss'
import { outbox } from './outbox.table'
import { queueOf, type HandlerRegistry } from './registry'
import { adapterFor } from '../db/raw-sql'
import { newId } from '../ids'
import type { Executor } from '../db/types'
import type { Principal } from '../access/permissions'
import type { DomainEvent, NewEvent } from './types'

/** Set when a rule's action causes the change: the chain of rules and how deep it is (loops are cut at 3). */
export type EventCause = { ruleId: string; runId: string; depth: number }

export type EmitContext = {
  ws: string
  principal: Pick<Principal, 'userId'>
  requestId?: string
  cause?: EventCause
}

export interface EventSink {
  /** Writes events to the outbox and queues their handlers' jobs, in the caller's transaction. */
  emit(tx: Executor, ctx: EmitContext, events: NewEvent[]): Promise<DomainEvent[]>
}

/** The transactional outbox: event rows and their pg-boss jobs commit or roll back with the change. */
export class OutboxEventSink implements EventSink {
  constructor(
    private readonly boss: PgBoss,
    private readonly registry: HandlerRegistry,
  ) {}

  async emit(tx: Executor, ctx: EmitContext, events: NewEvent[]): Promise<DomainEvent[]> {
    if (events.length === 0) return []
    const now = new Date()
    const full: DomainEvent[] = events.map((e) => ({
      id: newId(),
      type: e.type,
      workspaceId: ctx.ws,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      payload: e.payload as DomainEvent['payload'],
      actorId: ctx.principal.userId,
      requestId: ctx.requestId ?? null,
      occurredAt: now.toISOString(),
      cause: ctx.cause ?? null,
    }))
    await tx.insert(outbox).values(
      full.map((e) => ({
        id: e.id,
        workspaceId: e.workspaceId,
        type: e.type,
        entityType: e.entityType,
        entityId: e.entityId,
        payload: e.payload as Record<string, unknown>,
        actorId: e.actorId,
        requestId: e.requestId,
        cause: e.cause,
        createdAt: now,
      })),
    )
    // Every handler's job of every event in one INSERT (a recompute that moves many accounts' bands emits
    // hundreds of events at once; one statement per job made that the slowest part of it).
    const jobs: PgBoss.JobInsert[] = full.flatMap((event) =>
      this.registry.forEvent(event.type).map((handler) => ({
        name: queueOf(handler.name),
        data: event,
        retryLimit: handler.retryLimit ?? 5,
        retryDelay: handler.retryDelaySeconds ?? 2,
        retryBackoff: true,
      })),
    )
    for (let i = 0; i < jobs.length; i += 1000)
      await this.boss.insert(jobs.slice(i, i + 1000), { db: adapterFor(tx) })
    return full
  }
}
