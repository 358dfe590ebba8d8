import { getTableColumns, is, sql, SQL } from 'drizzle-orm'
import { PgTransaction, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../db/types'

type Row = Record<string, any>

/**
 * One write of a record with its audit entries, outbox rows and jobs, as ONE statement: the record's
 * INSERT or UPDATE and the others as data-modifying CTEs,
 * `with w as (<write> returning *), e0 as (<audit>), e1 as (<outbox>), e2 as (<jobs>) select * from w`.
 * A single statement is atomic without BEGIN and COMMIT: all of it is stored, or none (ADR 0026).
 * Returns the written rows keyed by property, as drizzle's `returning()` gives them.
 */
export async function writeWithEffects(
  exec: Executor,
  table: PgTable,
  write: SQL,
  effects: SQL[],
): Promise<Row[]> {
  const ctes = [sql`w as (${write})`, ...effects.map((e, i) => sql`${sql.raw(`e${i}`)} as (${e})`)]
  const res = (await exec.execute(sql`with ${sql.join(ctes, sql`, `)} select * from w`)) as unknown as {
    rows: Row[]
  }
  const columns = Object.entries(getTableColumns(table)) as [string, AnyPgColumn][]
  return res.rows.map((raw) => {
    const row: Row = {}
    for (const [key, c] of columns) {
      const v = raw[c.name]
      row[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v)
    }
    return row
  })
}

/** `exists (select 1 from w)`: the effects of an UPDATE are written only when it found its row. */
export const whenWritten = sql`exists (select 1 from w)`

/** Whether work already runs inside a transaction (else a write that needs one opens it). */
export const inTransaction = (exec: Executor) => is(exec, PgTransaction)

/**
 * The row PostgreSQL will store for `row`, predicted exactly — so that the audit entry and the event,
 * which carry the record, can be written by the same statement as the row. Every column gets its value:
 * the one given, or its default when that is a plain value. Null when the stored row could differ from
 * the prediction (a default computed by the database, a number PostgreSQL would write another way, a
 * type not known here): the caller then writes the row first and the rest after, as before.
 */
export function predictRow(table: PgTable, row: Row): Row | null {
  const out: Row = {}
  for (const [key, c] of Object.entries(getTableColumns(table)) as [string, AnyPgColumn][]) {
    let v = row[key]
    if (v === undefined) {
      if (c.defaultFn) return null
      if (c.hasDefault) {
        if (is(c.default, SQL) || c.default === undefined) return null
        v = structuredClone(c.default)
      } else v = null
    }
    const stored = v === null ? null : storedValue(c, v)
    if (stored === undefined) return null
    out[key] = stored
  }
  return out
}

/** The value as PostgreSQL gives it back, when that is certain; undefined otherwise. */
function storedValue(c: AnyPgColumn, v: unknown): unknown {
  switch (c.columnType) {
    case 'PgText':
    case 'PgVarchar':
      return typeof v === 'string' && !v.includes('\u0000') ? v : undefined
    case 'PgUUID':
      return typeof v === 'string' && UUID.test(v) ? v : undefined
    case 'PgInteger':
      return Number.isSafeInteger(v) && Math.abs(v as number) <= 2 ** 31 - 1 ? v : undefined
    case 'PgBoolean':
      return typeof v === 'boolean' ? v : undefined
    case 'PgTimestamp':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined
    case 'PgDateString':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined
    case 'PgNumeric': {
      // numeric(p) without a scale means a scale of 0; plain numeric keeps the places given.
      const { precision, scale } = c as unknown as { precision?: number; scale?: number }
      return storedNumeric(v, scale ?? (precision === undefined ? undefined : 0))
    }
    case 'PgJsonb':
      // Stored as jsonb (keys reordered, which no reader relies on); values that json would change are not predicted.
      return plainJson(v) ? v : undefined
    case 'PgArray': {
      const base = (c as unknown as { baseColumn: AnyPgColumn }).baseColumn
      if (!Array.isArray(v) || !['PgText', 'PgUUID'].includes(base.columnType)) return undefined
      return v.every((x) => x !== null && storedValue(base, x) !== undefined) ? v : undefined
    }
    default:
      return undefined
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A decimal as PostgreSQL prints it back: `numeric(p, s)` pads to s places; plain `numeric` keeps the
 * places given. Leading zeros dropped. Undefined for anything it would round or that is not a plain decimal.
 */
export function storedNumeric(v: unknown, scale?: number): string | undefined {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v
  if (typeof text !== 'string') return undefined
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return undefined
  const [, sign, int, frac = ''] = m
  if (scale !== undefined && frac.length > scale) return undefined
  const places = scale ?? frac.length
  const digits = int!.replace(/^0+(?=\d)/, '')
  const fraction = frac.padEnd(places, '0')
  const zero = /^0*$/.test(digits + fraction)
  if (zero && sign) return undefined
  return `${sign}${digits}${places ? `.${fraction}` : ''}`
}

/** JSON that comes back from jsonb unchanged (up to key order): no undefined, no non-finite numbers, no NUL. */
function plainJson(v: unknown): boolean {
  if (v === null || typeof v === 'boolean') return true
  if (typeof v === 'string') return !v.includes('\u0000')
  // jsonb keeps a number's digits, but JSON.stringify would already have changed e.g. 1e21 or -0.
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) && Math.abs(v) < 1e21
  if (Array.isArray(v)) return v.every(plainJson)
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.values(v as object).every((x) => x !== undefined && plainJson(x))
  return false
}
