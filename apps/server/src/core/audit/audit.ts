import { sql, type SQL } from 'drizzle-orm'
import { auditLog } from './audit.table'
import { newId } from '../ids'
import type { Executor } from '../db/types'
import type { Ctx } from '../context'

export type AuditEntry = {
  action: string
  entityType: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}

type AuditCtx = Pick<Ctx, 'ws' | 'principal' | 'requestId'>

const rowsOf = (ctx: AuditCtx, entries: AuditEntry[]) => {
  // Millisecond precision, like every timestamp the application writes, so page cursors compare exactly.
  const at = new Date()
  return entries.map((e) => ({
    id: newId(),
    at,
    workspaceId: ctx.ws,
    actorId: ctx.principal.userId,
    actorType: ctx.principal.kind,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: ctx.requestId ?? null,
  }))
}

/** Appends audit entries in the caller's transaction. */
export async function recordAudit(tx: Executor, ctx: AuditCtx, entries: AuditEntry[]) {
  if (entries.length === 0) return
  await tx.insert(auditLog).values(rowsOf(ctx, entries))
}

/**
 * The INSERT of audit entries as one part of a larger statement (a data-modifying CTE beside the record's
 * own write, core/crud/one-statement.ts), so that they commit with it without a statement of their own.
 * With `when`, the entries are written only if it holds (e.g. "the update found its row").
 * @example sql`with w as (…), a as (${auditInsert(ctx, entries, sql`exists (select 1 from w)`)}) select * from w`
 */
export function auditInsert(ctx: AuditCtx, entries: AuditEntry[], when?: SQL): SQL {
  // Rows travel as one json parameter keyed by column names; json_populate_recordset casts each value to
  // its column's type (the same text a drizzle insert would send).
  const json = JSON.stringify(
    rowsOf(ctx, entries).map((r) => ({
      id: r.id,
      workspace_id: r.workspaceId,
      at: r.at.toISOString(),
      actor_id: r.actorId,
      actor_type: r.actorType,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      before: r.before,
      after: r.after,
      request_id: r.requestId,
    })),
  )
  return sql`insert into ${auditLog} (id, workspace_id, at, actor_id, actor_type, action, entity_type, entity_id, before, after, request_id)
    select id, workspace_id, at, actor_id, actor_type, action, entity_type, entity_id, before, after, request_id
    from jsonb_populate_recordset(null::audit_log, ${json}::jsonb)${when ? sql` where ${when}` : sql``}`
}

/** The fields that differ between two plain records, as {before, after} holding only those fields. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updatedAt' || key === 'version') continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null
      a[key] = after[key] ?? null
    }
  }
  return { before: b, after: a, changed: Object.keys(a) }
}
