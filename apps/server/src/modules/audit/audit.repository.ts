import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm'
import { auditLog } from '../../core/audit/audit.table'
import { decodeCursor, encodeCursor } from '../../core/crud/cursor'
import type { Executor } from '../../core/db/types'

export type AuditFilter = {
  limit: number
  cursor?: string
  entityType?: string
  entityId?: string
  actorId?: string
  action?: string
  from?: string
  to?: string
}

const SORT = '-at'

/** A page of a workspace's audit trail, newest first. */
export async function listAudit(tx: Executor, ws: string, f: AuditFilter) {
  const where: (SQL | undefined)[] = [
    eq(auditLog.workspaceId, ws),
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from)) : undefined,
    f.to ? lte(auditLog.at, new Date(f.to)) : undefined,
  ]
  if (f.cursor) {
    const c = decodeCursor(f.cursor, SORT)
    const at = new Date(String(c.v))
    where.push(or(lt(auditLog.at, at), and(eq(auditLog.at, at), lt(auditLog.id, c.id))))
  }
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit + 1)
  const page = rows.slice(0, f.limit)
  const last = page.at(-1)
  return {
    data: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor({ s: SORT, v: last.at.toISOString(), id: last.id }) : null,
  }
}
