import type PgBoss from 'pg-boss'
import { sql, type SQL } from 'drizzle-orm'
import { outbox } from './outbox.table'
import { queueOf, type HandlerRegistry } from './registry'
import { adapterFor, toSql } from '../db/raw-sql'
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
  /**
   * The same writes (outbox rows and their handlers' jobs) as parts of a larger statement — data-modifying
   * CTEs beside the change itself, so that one statement commits all of it (core/crud/one-statement.ts).
   * With `when`, nothing is written unless it holds. A sink without it is written with `emit`.
   */
  emitSql?(ctx: EmitContext, events: NewEvent[], when?: SQL): Promise<{ events: DomainEvent[]; parts: SQL[] }>
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
    const full = this.complete(ctx, events, now)
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
    const jobs = this.jobsOf(full)
    for (let i = 0; i < jobs.length; i += 1000)
      await this.boss.insert(jobs.slice(i, i + 1000), { db: adapterFor(tx) })
    return full
  }

  async emitSql(ctx: EmitContext, events: NewEvent[], when?: SQL) {
    if (events.length === 0) return { events: [], parts: [] }
    const now = new Date()
    const full = this.complete(ctx, events, now)
    const rows = full.map((e) => ({
      id: e.id,
      workspace_id: e.workspaceId,
      type: e.type,
      entity_type: e.entityType,
      entity_id: e.entityId,
      payload: e.payload,
      actor_id: e.actorId,
      request_id: e.requestId,
      cause: e.cause,
      created_at: now.toISOString(),
    }))
    const only = when ? sql` where ${when}` : sql``
    const parts: SQL[] = [
      sql`insert into ${outbox} (id, workspace_id, type, entity_type, entity_id, payload, actor_id, request_id, cause, created_at)
        select id, workspace_id, type, entity_type, entity_id, payload, actor_id, request_id, cause, created_at
        from jsonb_populate_recordset(null::outbox, ${JSON.stringify(rows)}::jsonb)${only}`,
    ]
    const jobs = this.jobsOf(full)
    for (let i = 0; i < jobs.length; i += 1000) {
      // pg-boss's own INSERT (its defaults, queue policies, retention), captured instead of sent: its rows
      // come as a json parameter ($1), which becomes null — no rows — when `when` does not hold.
      let captured: { text: string; values: unknown[] } | undefined
      await this.boss.insert(jobs.slice(i, i + 1000), {
        db: {
          async executeSql(text: string, values?: unknown[]) {
            captured = { text, values: values ?? [] }
            return { rows: [] }
          },
        },
      })
      if (!captured) throw new Error('pg-boss did not build its insert')
      const [json, ...rest] = captured.values
      const data = when ? sql`(case when ${when} then ${json}::json end)` : sql`${json}::json`
      parts.push(toSql(captured.text, [data, ...rest]))
    }
    return { events: full, parts }
  }

  private complete(ctx: EmitContext, events: NewEvent[], now: Date): DomainEvent[] {
    return events.map((e) => ({
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
  }

  /**
   * Every handler's job of every event, for one INSERT (a recompute that moves many accounts' bands emits
   * hundreds of events at once; one statement per job made that the slowest part of it).
   */
  private jobsOf(full: DomainEvent[]): PgBoss.JobInsert[] {
    return full.flatMap((event) =>
      this.registry.forEvent(event.type).map((handler) => ({
        name: queueOf(handler.name),
        data: event,
        retryLimit: handler.retryLimit ?? 5,
        retryDelay: handler.retryDelaySeconds ?? 2,
        retryBackoff: true,
      })),
    )
  }
}
