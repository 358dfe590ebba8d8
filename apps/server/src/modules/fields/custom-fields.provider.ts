import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { FieldDefinition } from '@openkam/contract'
import type { CustomFields } from '../../core/crud/custom-fields'
import type { FieldSpec } from '../../core/crud/collection'
import { AppError, type FieldError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { cachedDefinitions, loadDefinitions } from './field-cache'
import { checkValue, mergeCustomValues } from './custom-values'

type Row = Record<string, any>
type T = PgTable & { custom: any; workspaceId: any; id: any; deletedAt: any }

/** `custom ->> 'key'` with the key as a literal (keys are checked against FieldKey), so expression indexes match. */
export const jsonText = (table: PgTable, key: string): SQL =>
  sql`(${(table as T).custom} ->> ${sql.raw(`'${key}'`)})`
const jsonValue = (table: PgTable, key: string): SQL =>
  sql`(${(table as T).custom} -> ${sql.raw(`'${key}'`)})`

/** The SQL expression a field filters, sorts and is indexed by. */
export function valueExpr(
  table: PgTable,
  d: Pick<FieldDefinition, 'key' | 'type' | 'resultType' | 'relation'>,
): SQL {
  switch (storedKind(d)) {
    case 'number':
      return sql`((${jsonText(table, d.key)})::numeric)`
    case 'money':
      return sql`(((${(table as T).custom} -> ${sql.raw(`'${d.key}'`)}) ->> 'amount')::numeric)`
    case 'list':
      return jsonValue(table, d.key)
    default:
      return jsonText(table, d.key)
  }
}

/** How a field's value is stored: as a number, money, a list, or text (dates and ids as text). */
export function storedKind(
  d: Pick<FieldDefinition, 'type' | 'resultType' | 'relation'>,
): 'number' | 'money' | 'list' | 'text' {
  if (d.type === 'number' || d.type === 'percent' || d.type === 'rollup') return 'number'
  if (d.type === 'formula') return (d.resultType ?? 'number') === 'number' ? 'number' : 'text'
  if (d.type === 'money') return 'money'
  if (d.type === 'multi_select' || (d.type === 'relation' && d.relation?.many)) return 'list'
  return 'text'
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Custom field types `q` searches (when the field is filterable, so its values are indexed). */
const SEARCHED = new Set(['text', 'email', 'phone', 'url'])

function specOf(table: PgTable, d: FieldDefinition): FieldSpec {
  const column = valueExpr(table, d)
  const kind = storedKind(d)
  const sortValue = (row: Row) => {
    const v = row.custom?.[d.key]
    return v && typeof v === 'object' && 'amount' in v ? Number(v.amount) : (v ?? null)
  }
  const base = { column, sortValue }
  if (kind === 'number' || kind === 'money')
    return {
      ...base,
      kind: 'number',
      parse: (v) =>
        Number.isFinite(Number(v))
          ? { ok: true, value: v }
          : { ok: false, message: `"${v}" is not a number` },
    }
  if (d.type === 'select' || d.type === 'multi_select') {
    const values = d.options.map((o) => o.value)
    return {
      ...base,
      kind: 'enum',
      values,
      many: kind === 'list',
      parse: (v) =>
        v === 'null'
          ? { ok: true, value: null }
          : values.includes(v)
            ? { ok: true, value: v }
            : { ok: false, message: `"${v}" is not one of ${values.join(', ')}` },
    }
  }
  if (d.type === 'user' || d.type === 'relation')
    return {
      ...base,
      kind: 'uuid',
      many: kind === 'list',
      parse: (v) =>
        v === 'null'
          ? { ok: true, value: null }
          : isUuid(v)
            ? { ok: true, value: v }
            : { ok: false, message: `"${v}" is not an id` },
    }
  if (d.type === 'boolean' || (d.type === 'formula' && d.resultType === 'boolean'))
    return {
      ...base,
      kind: 'boolean',
      parse: (v) =>
        v === 'true' || v === 'false' ? { ok: true, value: v } : { ok: false, message: 'use true or false' },
    }
  if (d.type === 'date' || (d.type === 'formula' && d.resultType === 'date'))
    return {
      ...base,
      kind: 'string',
      parse: (v) =>
        DATE.test(v)
          ? { ok: true, value: v }
          : { ok: false, message: `"${v}" is not a date like 2026-01-31` },
    }
  if (d.type === 'datetime')
    return {
      ...base,
      kind: 'string',
      parse: (v) => {
        const t = Date.parse(v)
        return Number.isNaN(t)
          ? { ok: false, message: `"${v}" is not a date (use ISO-8601)` }
          : { ok: true, value: new Date(t).toISOString() }
      },
    }
  return { ...base, kind: 'string', parse: (v) => ({ ok: true, value: v }) }
}

async function checkUnique(
  tx: any,
  ctx: { ws: string },
  table: T,
  object: string,
  d: FieldDefinition,
  value: unknown,
  id: string,
) {
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.workspaceId, ctx.ws),
        isNull(table.deletedAt),
        ne(table.id, id),
        // Custom objects' records share a table: unique within the object.
        (table as T & { object?: any }).object
          ? eq((table as T & { object: any }).object, object)
          : undefined,
        sql`${jsonText(table, d.key)} = ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
      ),
    )
    .limit(1)
  return rows.length ? `another record already has ${String(value)}` : null
}

/** The object model's custom fields for the shared collection machinery (core/crud/custom-fields.ts). */
export const customFieldsProvider: CustomFields = {
  async prepare(tx, ws) {
    await loadDefinitions(tx, ws)
  },
  async values(tx, ctx, object, table, candidate, incoming, before) {
    const defs = (await loadDefinitions(tx, ctx.ws)).get(object) ?? []
    if (!defs.length && !incoming)
      return (before?.custom as Record<string, unknown>) ?? candidate.custom ?? {}
    const stored = (before?.custom ?? {}) as Record<string, unknown>
    const { values, errors } = mergeCustomValues({
      defs,
      stored,
      incoming: incoming ?? undefined,
      creating: !before,
      record: candidate,
      allowUnknown: ctx.principal.kind === 'system',
      object,
    })
    for (const d of defs) {
      if (!d.unique || values[d.key] === undefined || errors.some((e) => e.path === `custom.${d.key}`))
        continue
      if (before && JSON.stringify(stored[d.key]) === JSON.stringify(values[d.key])) continue
      const dup = await checkUnique(tx, ctx, table as T, object, d, values[d.key], String(candidate.id))
      if (dup) errors.push({ path: `custom.${d.key}`, message: dup })
    }
    if (errors.length) throw invalidCustom(errors)
    return values
  },
  spec(ws, object, table, key, use) {
    const d = cachedDefinitions(ws, object).find((x) => x.key === key)
    return d && (use === 'filter' ? d.filterable : d.sortable || d.filterable) ? specOf(table, d) : undefined
  },
  searchExprs(ws, object, table) {
    return cachedDefinitions(ws, object)
      .filter((d) => d.filterable && SEARCHED.has(d.type))
      .map((d) => jsonText(table, d.key))
  },
  fields(ws, object) {
    return cachedDefinitions(ws, object).map((d) => ({ key: d.key, label: d.label }))
  },
  keys(ws, object, use) {
    return cachedDefinitions(ws, object)
      .filter((d) => (use === 'filter' ? d.filterable : d.sortable || d.filterable))
      .map((d) => d.key)
  },
}

const invalidCustom = (errors: FieldError[]) =>
  new AppError('invalid', 'invalid_input', `Invalid ${errors.map((e) => e.path).join(', ')}`, { errors })

export { checkValue }
