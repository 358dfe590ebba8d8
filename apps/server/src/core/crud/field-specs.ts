import { Column, SQL, is } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { BuiltinField, ObjectDescription } from '@openkam/contract'
import type { FieldSpec } from './collection'

type Specs = Record<string, FieldSpec>

export type FieldSpecOverrides = {
  /** The column of a field whose key is not the column's property name on the table. */
  columns?: Record<string, AnyPgColumn | SQL>
  /** Keys the object model cannot describe, taken as they are (say why where you give them). */
  filterable?: Specs
  sortable?: Specs
}

type Kind = FieldSpec['kind']

/**
 * How a field type filters. Date-only fields (`date`) hold 'YYYY-MM-DD' strings, which compare in date
 * order as they are; read as an instant they would shift with the server's time zone.
 */
const FILTER_KIND: Partial<Record<BuiltinField['type'], Kind>> = {
  text: 'string',
  textarea: 'string',
  email: 'string',
  url: 'string',
  phone: 'string',
  segment: 'string',
  enum: 'enum',
  user: 'uuid',
  account: 'uuid',
  contact: 'uuid',
  opportunity: 'uuid',
  team: 'uuid',
  number: 'number',
  money: 'number',
  decimal: 'number',
  percent: 'number',
  date: 'string',
  datetime: 'date',
  bool: 'boolean',
}

/** A date-only filter value: a day that exists, as YYYY-MM-DD (years 0001–9999); anything else would reach the database. */
export function parseDayFilter(v: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (v === 'null') return { ok: true, value: null }
  const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined
  return d && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '0001-01-01'
    ? { ok: true, value: v }
    : { ok: false, message: `"${v}" is not a date (use YYYY-MM-DD)` }
}

/** A sort compares column values: enums and ids sort as the strings they are. */
const sortKind = (k: Kind): Kind => (k === 'enum' || k === 'uuid' ? 'string' : k)

/**
 * The list API's filters and sorts of a built-in object, derived from its description: every field
 * flagged `filterable` / `sortable`, on the table's column of the same name, with the kind its type
 * implies (enum → 'enum' with its values, references → 'uuid', numbers and money → 'number',
 * datetime → 'date', date → 'string', bool → 'boolean', text → 'string'). Throws at start-up when a
 * flagged field has no column or a type that cannot be a filter or sort key (tags, contacts).
 * @example
 * const { sortable, filterable } = fieldSpecs(builtinObjects.accounts!, accounts, {
 *   filterable: { icpId: { column: accounts.icpId, kind: 'uuid' } },
 * })
 */
export function fieldSpecs(
  description: Pick<ObjectDescription, 'name' | 'fields'>,
  table: object,
  overrides: FieldSpecOverrides = {},
): { sortable: Specs; filterable: Specs } {
  const sortable: Specs = {}
  const filterable: Specs = {}
  for (const field of description.fields) {
    if (!field.filterable && !field.sortable) continue
    const where = `${description.name}.${field.key}`
    const kind = FILTER_KIND[field.type]
    if (!kind) throw new Error(`${where}: a ${field.type} field cannot be a filter or sort key`)
    const column = overrides.columns?.[field.key] ?? (table as Record<string, unknown>)[field.key]
    if (!is(column, Column) && !is(column, SQL))
      throw new Error(`${where}: the table has no column "${field.key}"; map it in overrides.columns`)
    const col = column as AnyPgColumn | SQL
    if (field.filterable)
      filterable[field.key] =
        field.type === 'enum'
          ? { column: col, kind, values: field.values }
          : field.type === 'date'
            ? { column: col, kind, parse: parseDayFilter }
            : { column: col, kind }
    if (field.sortable) sortable[field.key] = { column: col, kind: sortKind(kind) }
  }
  return {
    sortable: { ...sortable, ...overrides.sortable },
    filterable: { ...filterable, ...overrides.filterable },
  }
}
