import { getTableColumns, SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { ImportObject } from '@openkam/contract'
import type { Collection } from '../../core/crud/collection'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { isBuiltinImport } from './builtin-import-fields'
import { collectionFor } from './import-objects'
import type { Prepared } from './import-rows'
import { insertRows, recordCreations, touchContacts } from './import.repository'

const BATCH = 5000

/** The record's non-empty fields: what an audit entry of a created record needs, at a fraction of the size. */
const withoutEmpty = (rec: Record<string, unknown>) => {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rec)) if (v !== null && v !== undefined) out[k] = v
  return out
}

/**
 * Makes rows as the database will hold them, so that their audit entries show the stored record: every
 * column (left-out ones at their default or null, except those the database fills, e.g. now()), and
 * decimals at the column's scale ("1200000" in numeric(18,2) reads "1200000.00").
 */
function rowMaker(table: PgTable) {
  const columns = Object.entries(getTableColumns(table) as Record<string, AnyPgColumn & { scale?: number }>)
  const numerics = columns.filter(([, c]) => c.columnType === 'PgNumeric' && c.scale)
  // Rows copy this object's shape instead of growing key by key: with 40-odd columns, the latter
  // leaves V8 with slow dictionary objects and makes 100k rows several times slower to handle.
  const template = Object.fromEntries(
    columns.filter(([, c]) => !(c.default instanceof SQL)).map(([key, c]) => [key, c.default ?? null]),
  )
  return (values: Record<string, unknown>) => {
    const row: Record<string, any> = { ...template }
    for (const key in values) if (values[key] !== undefined) row[key] = values[key]
    for (const [key, c] of numerics) {
      const v = row[key]
      if (typeof v !== 'string') continue
      const [int, frac = ''] = v.split('.')
      row[key] = `${int}.${frac.padEnd(c.scale!, '0')}`
    }
    return row
  }
}

/**
 * Writes validated rows in the caller's transaction and emits ONE summary event `import.completed`.
 * Built-in objects: inserts of 5,000 rows a statement, an audit entry per record (batched alike) and
 * derived data (last contact dates). Custom objects' records go through their collection's create, as
 * `POST /objects/:key/records` does (custom values, reach, audit, `<key>.created`), one by one.
 */
export async function writeRows(
  tx: Executor,
  ctx: Ctx,
  object: ImportObject,
  accepted: Prepared[],
  summary: {
    importId: string
    fileName: string
    failed: number
    skippedDuplicates: number
    updated?: number
  },
): Promise<string[]> {
  const c = collectionFor(object)
  const ids: string[] = []
  if (isBuiltinImport(object)) ids.push(...(await insertBuiltin(tx, ctx, c, accepted)))
  // The raw custom values: formulas are computed again, and a computed value may not be sent.
  else
    for (const p of accepted) ids.push((await c.create(tx, ctx, { ...p.data!, custom: p.input.custom })).id)
  await ctx.events.emit(tx, ctx, [
    {
      type: 'import.completed',
      entityType: 'import',
      entityId: summary.importId,
      payload: {
        importId: summary.importId,
        object,
        fileName: summary.fileName,
        created: accepted.length,
        updated: summary.updated ?? 0,
        skippedDuplicates: summary.skippedDuplicates,
        failed: summary.failed,
      },
    },
  ])
  return ids
}

async function insertBuiltin(tx: Executor, ctx: Ctx, c: Collection<any, any, any>, accepted: Prepared[]) {
  const ids: string[] = []
  const makeRow = rowMaker(c.def.table)
  const now = new Date()
  const latest = new Map<string, Date>()
  // Batch by batch from building to audit, so that each batch's objects die young (cheap to collect).
  for (let i = 0; i < accepted.length; i += BATCH) {
    const rows = accepted.slice(i, i + BATCH).map((p) => {
      const cols = c.def.toColumns(p.data!)
      const row = makeRow(cols)
      Object.assign(row, c.def.derive?.(cols, null))
      row.id = newId()
      row.workspaceId = ctx.ws
      row.createdAt = now
      row.updatedAt = now
      row.createdBy = ctx.principal.userId
      row.ownerId = p.data!.ownerId ?? null
      row.version = 1
      row.custom = p.data!.custom ?? {}
      return row
    })
    await insertRows(tx, c.def.table, rows, BATCH)
    for (const r of rows) ids.push(r.id as string)
    await recordCreations(
      tx,
      ctx,
      c.def.entity,
      rows.map((r) => ({ id: r.id, after: withoutEmpty(c.def.toRecord(r)) })),
    )
    for (const r of rows) {
      for (const id of (r.contactIds as string[] | undefined) ?? []) {
        const at = latest.get(id)
        if (!at || at < r.occurredAt) latest.set(id, r.occurredAt)
      }
    }
  }
  await touchContacts(tx, ctx.ws, latest)
  return ids
}
