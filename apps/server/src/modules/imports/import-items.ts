import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { insertRows } from './import.repository'
import { importItems } from './import.table'

export type ImportItem = typeof importItems.$inferSelect
export type NewItem = Pick<ImportItem, 'entityId' | 'action' | 'version'> & {
  before?: Record<string, unknown> | null
}

/** Records what an import did to each record (created, or updated with the values before), in bulk. */
export async function recordItems(tx: Executor, ws: string, importId: string, items: NewItem[]) {
  if (!items.length) return
  await insertRows(
    tx,
    importItems,
    items.map((it, seq) => ({
      workspaceId: ws,
      importId,
      seq,
      entityId: it.entityId,
      action: it.action,
      version: it.version,
      before: it.before ?? null,
    })),
  )
}

/** The next records an undo has not dealt with yet, in the order the import touched them. */
export function pendingItems(tx: Executor, ws: string, importId: string, limit: number, afterSeq = -1) {
  return tx
    .select()
    .from(importItems)
    .where(
      and(
        eq(importItems.workspaceId, ws),
        eq(importItems.importId, importId),
        isNull(importItems.undone),
        gt(importItems.seq, afterSeq),
      ),
    )
    .orderBy(asc(importItems.seq))
    .limit(limit)
}

/** How many records the import touched, by action, and how many of them an undo has dealt with. */
export async function countItems(tx: Executor, ws: string, importId: string) {
  const [r] = await tx
    .select({
      created: sql<number>`count(*) filter (where ${importItems.action} = 'created')`.mapWith(Number),
      updated: sql<number>`count(*) filter (where ${importItems.action} = 'updated')`.mapWith(Number),
      done: sql<number>`count(${importItems.undone})`.mapWith(Number),
    })
    .from(importItems)
    .where(and(eq(importItems.workspaceId, ws), eq(importItems.importId, importId)))
  return r ?? { created: 0, updated: 0, done: 0 }
}

/** Marks one record as dealt with by the undo. */
export async function markItem(
  tx: Executor,
  ws: string,
  importId: string,
  seq: number,
  undone: NonNullable<ImportItem['undone']>,
) {
  await tx
    .update(importItems)
    .set({ undone })
    .where(and(eq(importItems.workspaceId, ws), eq(importItems.importId, importId), eq(importItems.seq, seq)))
}
