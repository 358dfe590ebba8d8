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

/** Appends audit entries in the caller's transaction. */
export async function recordAudit(
  tx: Executor,
  ctx: Pick<Ctx, 'ws' | 'principal' | 'requestId'>,
  entries: AuditEntry[],
) {
  if (entries.length === 0) return
  // Millisecond precision, like every timestamp the application writes, so page cursors compare exactly.
  const at = new Date()
  await tx.insert(auditLog).values(
    entries.map((e) => ({
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
    })),
  )
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
