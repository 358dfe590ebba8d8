import { and, eq, inArray, isNull } from 'drizzle-orm'
import { getTableColumns } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/types'
import type { Ctx } from '../context'
import type { FieldError } from '../errors'

type Row = Record<string, any>

/** Columns the shared machinery owns; a payload never sets them directly. */
const MANAGED = new Set([
  'id',
  'workspaceId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'version',
  'deletedAt',
  'custom',
  'ownerId',
])

/** A timestamp on the wire: ISO-8601 or null. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

/** The fields every record carries on the wire (the contract's RecordBase), from a business row. */
export const baseRecord = (r: Row) => ({
  id: r.id as string,
  version: r.version as number,
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
  createdBy: (r.createdBy as string | null) ?? null,
  ownerId: (r.ownerId as string | null) ?? null,
  deletedAt: iso(r.deletedAt),
  custom: (r.custom as Record<string, unknown>) ?? {},
})

export type MoneyFields = Record<string, { amount: string; currency: string }>

/**
 * Row ↔ wire mapping for tables whose wire names are the column properties: timestamps become ISO
 * strings, money pairs become `{amount, currency}`, `workspaceId` and read-only columns stay inside.
 * @example const { toRecord, toColumns } = rowMapper(contacts, { readOnly: ['lastContactedAt'] })
 */
export function rowMapper(
  table: PgTable,
  opts: { money?: MoneyFields; readOnly?: string[]; hidden?: string[] } = {},
) {
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>
  const money = opts.money ?? {}
  const moneyParts = new Set(Object.values(money).flatMap((m) => [m.amount, m.currency]))
  const hidden = new Set(['workspaceId', ...(opts.hidden ?? [])])
  const readOnly = new Set(opts.readOnly ?? [])
  const timestamps = new Set(
    Object.entries(columns)
      .filter(([, c]) => c.columnType === 'PgTimestamp')
      .map(([k]) => k),
  )

  // Speed: most rows come from select()/returning() with every column in table order. For those, a
  // builder compiled once returns an object literal (one hidden class) instead of adding ~50 keys one by
  // one, which puts the object in slow dictionary mode and made this mapping a fifth of a list's CPU.
  // Other rows (partial selects) take the generic path; both give the same keys in the same order.
  const columnKeys = Object.keys(columns)
  const fromFullRow = compileRecordBuilder(
    columnKeys.filter((k) => !hidden.has(k) && !moneyParts.has(k)),
    money,
  )
  const isFullRow = (row: Row) => {
    let i = 0
    for (const k in row) if (k !== columnKeys[i++]) return false
    return i === columnKeys.length
  }

  const toRecord = (row: Row): Row => {
    if (isFullRow(row)) return fromFullRow(row, wireValue)
    const out: Row = {}
    for (const [k, v] of Object.entries(row)) {
      if (hidden.has(k) || moneyParts.has(k)) continue
      out[k] = v instanceof Date ? v.toISOString() : (v ?? null)
    }
    for (const [name, m] of Object.entries(money)) {
      out[name] =
        row[m.amount] === null || row[m.amount] === undefined
          ? null
          : { amount: row[m.amount], currency: row[m.currency] }
    }
    return out
  }

  const toColumns = (input: Row): Row => {
    const out: Row = {}
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue
      const m = money[k]
      if (m) {
        out[m.amount] = v?.amount ?? null
        if (v) out[m.currency] = v.currency
        continue
      }
      if (!(k in columns) || MANAGED.has(k) || readOnly.has(k) || hidden.has(k)) continue
      out[k] = timestamps.has(k) && typeof v === 'string' ? new Date(v) : v
    }
    return out
  }

  return { toRecord, toColumns }
}

/** A column value on the wire: timestamps as ISO strings, undefined as null. */
const wireValue = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null))

/**
 * `(row, wireValue) => ({ key: wireValue(row.key), …, money: row.amount == null ? null : { amount, currency } })`
 * for a fixed list of keys. Keys are quoted with JSON.stringify, so any property name is safe.
 */
function compileRecordBuilder(keys: string[], money: MoneyFields) {
  const q = (k: string) => JSON.stringify(k)
  const fields = keys.map((k) => `${q(k)}: wireValue(row[${q(k)}])`)
  for (const [name, m] of Object.entries(money)) {
    fields.push(
      `${q(name)}: row[${q(m.amount)}] == null ? null : { amount: row[${q(m.amount)}], currency: row[${q(m.currency)}] }`,
    )
  }
  return new Function('row', 'wireValue', `return { ${fields.join(', ')} }`) as (
    row: Row,
    conv: typeof wireValue,
  ) => Row
}

type RefTable = PgTable & { id: AnyPgColumn; workspaceId: AnyPgColumn; deletedAt: AnyPgColumn }

/**
 * A validator: the given fields must hold ids of live rows of `table` in this workspace.
 * Array fields (e.g. contactIds) are checked element by element, in one query.
 */
export const refCheck =
  (table: RefTable, label: string, ...fields: string[]) =>
  async (tx: Executor, ctx: Ctx, candidate: Row, before: Row | null): Promise<FieldError[]> => {
    const errors: FieldError[] = []
    for (const f of fields) {
      const v = candidate[f]
      if (v === null || v === undefined) continue
      if (before && JSON.stringify(before[f]) === JSON.stringify(v)) continue
      const ids: string[] = Array.isArray(v) ? v : [v]
      if (ids.length === 0) continue
      const found = await tx
        .select({ id: table.id })
        .from(table as PgTable)
        .where(and(eq(table.workspaceId, ctx.ws), inArray(table.id, ids), isNull(table.deletedAt)))
      const have = new Set(found.map((r) => r.id as string))
      for (const id of ids)
        if (!have.has(id)) errors.push({ path: f, message: `no such ${label} in this workspace: ${id}` })
    }
    return errors
  }

/** Runs several validators and collects every error. */
export const allOf =
  (
    ...validators: ((tx: Executor, ctx: Ctx, candidate: Row, before: Row | null) => Promise<FieldError[]>)[]
  ) =>
  async (tx: Executor, ctx: Ctx, candidate: Row, before: Row | null) =>
    (await Promise.all(validators.map((v) => v(tx, ctx, candidate, before)))).flat()
