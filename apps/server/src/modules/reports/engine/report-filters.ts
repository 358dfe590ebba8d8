import { sql, type SQL } from 'drizzle-orm'
import type { ReportOp } from '@openkam/contract'
import type { FieldError } from '../../../core/errors'
import { isUuid } from '../../../core/ids'
import type { ReportField } from './report-fields'
import { isRelativeDate, relativeSpan } from './relative-dates'

type Scalar = string | number | boolean | null
export type FilterEnv = { today: Date; userId: string | null; shift: number }

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
const addDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** What a value reads as for the field, or the reason it cannot. */
type Read = { ok: true; v: unknown } | { ok: false; message: string }

function readValue(f: ReportField, raw: Scalar, env: FilterEnv): Read {
  if (raw === null) return { ok: true, v: null }
  switch (f.kind) {
    case 'number': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN
      return Number.isFinite(n)
        ? { ok: true, v: n }
        : { ok: false, message: `"${String(raw)}" is not a number` }
    }
    case 'boolean':
      return raw === true || raw === 'true'
        ? { ok: true, v: true }
        : raw === false || raw === 'false'
          ? { ok: true, v: false }
          : { ok: false, message: 'use true or false' }
    case 'id': {
      const v = raw === 'me' ? env.userId : raw
      return typeof v === 'string' && isUuid(v)
        ? { ok: true, v }
        : { ok: false, message: `"${String(raw)}" is not an id` }
    }
    case 'date':
    case 'datetime': {
      if (typeof raw !== 'string') return { ok: false, message: 'is not a date' }
      if (DAY_RE.test(raw)) return { ok: true, v: raw }
      if (f.kind === 'datetime' && !Number.isNaN(Date.parse(raw)) && /^\d{4}-\d{2}-\d{2}T/.test(raw))
        return { ok: true, v: new Date(raw).toISOString() }
      return { ok: false, message: `"${raw}" is not a date like 2026-01-31 or a period such as this_quarter` }
    }
    default: {
      const v = String(raw)
      if (f.options && f.type !== 'text' && !f.options.some((o) => o.value === v))
        return { ok: false, message: `"${v}" is not one of ${f.options.map((o) => o.value).join(', ')}` }
      return { ok: true, v }
    }
  }
}

/** The field's expression in the type its values compare as. */
function typed(f: ReportField): SQL {
  switch (f.kind) {
    case 'number':
      return sql`(${f.expr})::numeric`
    case 'date':
      return sql`(${f.expr})::date`
    case 'datetime':
      return sql`(${f.expr})::timestamptz`
    case 'boolean':
      return sql`(${f.expr})::boolean`
    default:
      return sql`(${f.expr})::text`
  }
}

/** A day as the bound of a date (a day) or a datetime (midnight UTC that day). */
const bound = (f: ReportField, day: string): SQL =>
  f.kind === 'datetime' ? sql`${`${day}T00:00:00.000Z`}::timestamptz` : sql`${day}::date`

/** The span [from, to) of a date value: a relative period, or one day. */
function spanOf(f: ReportField, v: string, env: FilterEnv): { from: SQL; to: SQL } | null {
  if (isRelativeDate(v)) {
    const s = relativeSpan(v, env.today, env.shift)
    return { from: bound(f, s.from), to: bound(f, s.to) }
  }
  return DAY_RE.test(v) ? { from: bound(f, v), to: bound(f, addDay(v)) } : null
}

const isDate = (f: ReportField) => f.kind === 'date' || f.kind === 'datetime'
const list = (value: unknown): Scalar[] => (Array.isArray(value) ? value : [value]) as Scalar[]

/**
 * One filter as SQL on the field's expression, values always as parameters; field errors (at `path`) when
 * the operator does not fit the field or a value does not read as the field's type.
 * @example condition(tierField, 'in', ['strategic', 'key'], 'filters.0', env) // → (tier)::text in ($1, $2)
 */
export function condition(
  f: ReportField,
  op: ReportOp,
  value: unknown,
  path: string,
  env: FilterEnv,
): SQL | FieldError[] {
  const e = typed(f)
  const err = (message: string): FieldError[] => [{ path, message }]
  if (op === 'empty')
    return f.kind === 'text' ? sql`(${f.expr} is null or (${f.expr})::text = '')` : sql`${f.expr} is null`
  if (op === 'not_empty')
    return f.kind === 'text'
      ? sql`(${f.expr} is not null and (${f.expr})::text <> '')`
      : sql`${f.expr} is not null`
  if (f.kind === 'list') {
    if (op !== 'eq' && op !== 'in' && op !== 'contains')
      return err(`${f.label} holds a list: use eq, in, contains, empty or not_empty`)
    const vs = list(value).filter((v) => v !== null)
    if (!vs.length) return err('give at least one value')
    return sql`(${sql.join(
      vs.map((v) => sql`(${f.expr})::jsonb @> ${JSON.stringify([v])}::jsonb`),
      sql` or `,
    )})`
  }
  if (op === 'contains') {
    if (f.kind !== 'text') return err(`contains applies to text fields; ${f.label} is not text`)
    if (typeof value !== 'string' || !value) return err('give the text to look for')
    return sql`(${f.expr})::text ilike ${`%${value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`
  }
  if (op === 'in') {
    const vs = list(value)
    if (!vs.length) return err('give at least one value')
    const read = vs.map((v) => readValue(f, v, env))
    const bad = read.find((r) => !r.ok)
    if (bad && !bad.ok) return err(bad.message)
    const values = read.map((r) => (r as { v: unknown }).v)
    const nonNull = values.filter((v) => v !== null)
    const parts = nonNull.length
      ? [
          sql`${e} in (${sql.join(
            nonNull.map((v) => sql`${v}`),
            sql`, `,
          )})`,
        ]
      : []
    if (nonNull.length < values.length) parts.push(sql`${f.expr} is null`)
    return sql`(${sql.join(parts, sql` or `)})`
  }
  if (op === 'between') {
    if (isDate(f) && isRelativeDate(value)) {
      const s = spanOf(f, value, env)!
      return sql`(${e} >= ${s.from} and ${e} < ${s.to})`
    }
    if (!Array.isArray(value) || value.length !== 2) return err('between takes [from, to]')
    const a = readValue(f, value[0] as Scalar, env)
    const b = readValue(f, value[1] as Scalar, env)
    if (!a.ok) return err(a.message)
    if (!b.ok) return err(b.message)
    if (a.v === null || b.v === null) return err('between takes two values')
    if (isDate(f) && typeof b.v === 'string' && DAY_RE.test(b.v))
      return sql`(${e} >= ${bound(f, String(a.v).slice(0, 10))} and ${e} < ${bound(f, addDay(b.v))})`
    return sql`(${e} between ${a.v} and ${b.v})`
  }
  if (Array.isArray(value)) return err(`${op} takes one value`)
  if (isDate(f) && typeof value === 'string') {
    const s = spanOf(f, value, env)
    if (s) {
      switch (op) {
        case 'eq':
          return sql`(${e} >= ${s.from} and ${e} < ${s.to})`
        case 'neq':
          return sql`(${f.expr} is null or ${e} < ${s.from} or ${e} >= ${s.to})`
        case 'gt':
          return sql`${e} >= ${s.to}`
        case 'gte':
          return sql`${e} >= ${s.from}`
        case 'lt':
          return sql`${e} < ${s.from}`
        case 'lte':
          return sql`${e} < ${s.to}`
      }
    }
  }
  const r = readValue(f, value as Scalar, env)
  if (!r.ok) return err(r.message)
  if (op === 'eq') return r.v === null ? sql`${f.expr} is null` : sql`${e} = ${r.v}`
  if (op === 'neq') return r.v === null ? sql`${f.expr} is not null` : sql`${e} is distinct from ${r.v}`
  if (f.kind === 'id' || f.kind === 'boolean' || (f.options && f.kind === 'text'))
    return err(`${op} applies to numbers, dates and text; ${f.label} is not one`)
  if (r.v === null) return err(`${op} needs a value`)
  const cmp = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[op]
  return sql`${e} ${cmp} ${r.v}`
}
