import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../../core/db/types'
import type { Collection } from '../../core/crud/collection'

type T = PgTable & { custom: any; workspaceId: any; id: any }

/** Every record of the workspace holding a value under `key` (deleted ones too: they may be restored). */
export async function readFieldValues(tx: Executor, ws: string, c: Collection<any, any, any>, key: string) {
  const t = c.def.table as T
  return (await tx
    .select({ id: t.id, value: sql<unknown>`${t.custom} -> ${key}` })
    .from(t)
    .where(and(eq(t.workspaceId, ws), partitionOf(c), sql`${t.custom} ? ${key}`))) as {
    id: string
    value: unknown
  }[]
}

/** The rows of the collection in a shared table (custom objects' records). */
const partitionOf = (c: Collection<any, any, any>) =>
  c.def.partition ? eq(c.def.partition.column, c.def.partition.value) : undefined

/** Sets one key of `custom` on many records in one statement (`values`: record id → new value). */
export async function writeFieldValues(
  tx: Executor,
  ws: string,
  table: PgTable,
  key: string,
  values: Record<string, unknown>,
) {
  const t = table as T
  if (!Object.keys(values).length) return
  await tx.execute(
    sql`update ${t} set custom = jsonb_set(${t.custom}, ${`{${key}}`}::text[], v.value) from jsonb_each(${JSON.stringify(values)}::jsonb) as v(id, value) where ${t.workspaceId} = ${ws} and ${t.id} = v.id::uuid`,
  )
}

/** Replaces `custom` on many records in one statement (`customs`: record id → custom object). */
export async function writeCustoms(
  tx: Executor,
  ws: string,
  table: PgTable,
  customs: Record<string, unknown>,
) {
  const t = table as T
  if (!Object.keys(customs).length) return
  await tx.execute(
    sql`update ${t} set custom = v.value from jsonb_each(${JSON.stringify(customs)}::jsonb) as v(id, value) where ${t.workspaceId} = ${ws} and ${t.id} = v.id::uuid`,
  )
}

/** A page of whole rows of the workspace by id, for recomputing stored formula values. */
export const rowsAfter = (
  tx: Executor,
  ws: string,
  c: Collection<any, any, any>,
  afterId: string | null,
  limit: number,
) => {
  const t = c.def.table as T
  return tx
    .select()
    .from(t)
    .where(and(eq(t.workspaceId, ws), partitionOf(c), afterId ? gt(t.id, afterId) : undefined))
    .orderBy(asc(t.id))
    .limit(limit) as Promise<Record<string, any>[]>
}

/** Whole rows of the collection by id (e.g. to recompute their formulas after a roll-up changed). */
export const rowsByIds = (tx: Executor, ws: string, c: Collection<any, any, any>, ids: string[]) => {
  const t = c.def.table as T
  return tx
    .select()
    .from(t)
    .where(and(eq(t.workspaceId, ws), partitionOf(c), inArray(t.id, ids))) as Promise<Record<string, any>[]>
}

/** Sets one key of `custom` on many records, removing it where the new value is null. */
export async function setFieldValues(
  tx: Executor,
  ws: string,
  table: PgTable,
  key: string,
  values: Record<string, unknown>,
) {
  const t = table as T
  if (!Object.keys(values).length) return
  await tx.execute(
    sql`update ${t} set custom = case when v.value = 'null'::jsonb then ${t.custom} - ${key} else jsonb_set(${t.custom}, ${`{${key}}`}::text[], v.value) end from jsonb_each(${JSON.stringify(values)}::jsonb) as v(id, value) where ${t.workspaceId} = ${ws} and ${t.id} = v.id::uuid`,
  )
}

/** Takes one key out of `custom` on every record of the collection holding it. */
export async function removeFieldValues(tx: Executor, ws: string, c: Collection<any, any, any>, key: string) {
  const t = c.def.table as T
  await tx
    .update(t)
    .set({ custom: sql`${t.custom} - ${key}` } as never)
    .where(and(eq(t.workspaceId, ws), partitionOf(c), sql`${t.custom} ? ${key}`))
}
