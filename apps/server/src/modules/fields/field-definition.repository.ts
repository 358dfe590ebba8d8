import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { fieldDefinitions } from './field-definition.table'
import { customObjects } from './custom-object.table'

export type DefinitionRow = typeof fieldDefinitions.$inferSelect

export const listDefinitionRows = (
  tx: Executor,
  ws: string,
  opts: { object?: string; deleted?: 'exclude' | 'only' | 'include' } = {},
) =>
  tx
    .select()
    .from(fieldDefinitions)
    .where(
      and(
        eq(fieldDefinitions.workspaceId, ws),
        opts.object ? eq(fieldDefinitions.object, opts.object) : undefined,
        opts.deleted === 'include'
          ? undefined
          : opts.deleted === 'only'
            ? isNotNull(fieldDefinitions.deletedAt)
            : isNull(fieldDefinitions.deletedAt),
      ),
    )
    .orderBy(asc(fieldDefinitions.object), asc(fieldDefinitions.position), asc(fieldDefinitions.createdAt))

/** What changes whenever a definition of the workspace changes: the cache compares it (field-cache.ts). */
export async function definitionStamp(tx: Executor, ws: string): Promise<string> {
  const [r] = await tx
    .select({
      n: sql<number>`count(*)::int`,
      at: sql<string | null>`max(${fieldDefinitions.updatedAt})::text`,
      objects: sql<string>`(select count(*) || ':' || coalesce(max(${customObjects.updatedAt})::text, '') from ${customObjects} where ${customObjects.workspaceId} = ${ws})`,
    })
    .from(fieldDefinitions)
    .where(eq(fieldDefinitions.workspaceId, ws))
  return `${r?.n ?? 0}:${r?.at ?? ''}:${r?.objects ?? ''}`
}

/** The workspace's custom objects, deleted ones too (their records stay restorable). */
export const listCustomObjectRows = (tx: Executor, ws: string) =>
  tx
    .select()
    .from(customObjects)
    .where(eq(customObjects.workspaceId, ws))
    .orderBy(asc(customObjects.createdAt))

export async function findDefinitionRow(tx: Executor, ws: string, id: string, forUpdate = false) {
  const q = tx
    .select()
    .from(fieldDefinitions)
    .where(and(eq(fieldDefinitions.workspaceId, ws), eq(fieldDefinitions.id, id)))
  const rows = forUpdate ? await q.for('update') : await q
  return rows[0]
}

export async function findDefinitionByKey(tx: Executor, ws: string, object: string, key: string) {
  const rows = await tx
    .select()
    .from(fieldDefinitions)
    .where(
      and(
        eq(fieldDefinitions.workspaceId, ws),
        eq(fieldDefinitions.object, object),
        eq(fieldDefinitions.key, key),
      ),
    )
  return rows[0]
}

export async function insertDefinitionRow(tx: Executor, row: typeof fieldDefinitions.$inferInsert) {
  const [r] = await tx.insert(fieldDefinitions).values(row).returning()
  return r!
}

export async function updateDefinitionRow(
  tx: Executor,
  ws: string,
  id: string,
  patch: Partial<typeof fieldDefinitions.$inferInsert>,
) {
  const [r] = await tx
    .update(fieldDefinitions)
    .set({ ...patch, updatedAt: new Date(), version: sql`${fieldDefinitions.version} + 1` })
    .where(and(eq(fieldDefinitions.workspaceId, ws), eq(fieldDefinitions.id, id)))
    .returning()
  return r!
}

/** Sets the index status without a new version (the background build reports through it). */
export const setIndexStatus = (tx: Executor, ws: string, id: string, status: string) =>
  tx
    .update(fieldDefinitions)
    .set({ indexStatus: status, updatedAt: new Date() })
    .where(and(eq(fieldDefinitions.workspaceId, ws), eq(fieldDefinitions.id, id)))

/** Definitions deleted before `before` (their 30 days are over). */
export const expiredDefinitionRows = (tx: Executor, before: Date) =>
  tx
    .select()
    .from(fieldDefinitions)
    .where(and(isNotNull(fieldDefinitions.deletedAt), sql`${fieldDefinitions.deletedAt} < ${before}`))

export const purgeDefinitionRow = (tx: Executor, ws: string, id: string) =>
  tx.delete(fieldDefinitions).where(and(eq(fieldDefinitions.workspaceId, ws), eq(fieldDefinitions.id, id)))
