import { and, sql, type SQL } from 'drizzle-orm'
import {
  REPORT_ROW_CAP,
  type DashboardFilters,
  type ReportBucket,
  type ReportColumn,
  type ReportFilter,
  type ReportQueryParsed,
  type SimpleMeasure,
} from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError, type FieldError } from '../../../core/errors'
import { dashboardWhere } from './dashboard-where'
import { condition, type FilterEnv } from './report-filters'
import { relatedFields, type Catalogue, type ReportField, type ReportJoin } from './report-fields'

export type PlanGroup = { key: string; field: ReportField; bucket?: ReportBucket; expr: SQL }
export type Plan = {
  columns: ReportColumn[]
  groups: PlanGroup[]
  measures: { key: string; expr: SQL }[]
  joins: ReportJoin[]
  /** The report's own filters (and a dashboard's), without visibility. */
  where: SQL | undefined
  orderBy: SQL[]
  limit: number
  /** Resolves a field path as the query did (for drill-downs). */
  resolve(path: string): ReportField | undefined
  /** A measure's own filters as SQL (for a drill into that number). */
  measureWhere: (SQL | undefined)[]
}

export type CompileOptions = {
  today: Date
  /** −1: every relative period one period back (a KPI's comparison). */
  shift?: number
  dashboard?: DashboardFilters
  dateField?: string | null
}

/** The type of a measure's column from its function and field. */
function measureType(fn: SimpleMeasure['fn'], f?: ReportField): ReportColumn['type'] {
  if (fn === 'count' || fn === 'count_distinct' || !f) return 'number'
  if ((fn === 'min' || fn === 'max') && (f.kind === 'date' || f.kind === 'datetime')) return 'date'
  if (f.type === 'money') return 'money'
  if (f.type === 'percent') return 'percent'
  return 'number'
}

const fnLabel = {
  en: {
    count: 'Count',
    sum: 'Sum',
    avg: 'Average',
    min: 'Min',
    max: 'Max',
    count_distinct: 'Distinct',
    ratio: 'Ratio',
  },
  'zh-CN': {
    count: '数量',
    sum: '合计',
    avg: '平均',
    min: '最小',
    max: '最大',
    count_distinct: '去重数',
    ratio: '比率',
  },
} as const

/**
 * Compiles a report query to SQL parts on the caller's object: every field path is looked up in the
 * fields they may see (an unknown or hidden one is a 400 naming it), every value is a parameter.
 * Throws AppError 400 `invalid_report` with all the problems at once.
 */
export async function compile(
  tx: Executor,
  ctx: Ctx,
  cat: Catalogue,
  q: ReportQueryParsed,
  opts: CompileOptions,
): Promise<Plan> {
  const errors: FieldError[] = []
  const joins = new Map<string, ReportJoin>()
  const related = new Map<string, Map<string, ReportField> | null>()
  const env: FilterEnv = { today: opts.today, userId: ctx.principal.userId, shift: opts.shift ?? 0 }
  const lang = cat.lang

  async function lookup(path: string): Promise<ReportField | undefined> {
    const own = cat.own.get(path)
    if (own) return own
    const dot = path.indexOf('.')
    if (dot < 0 || path.startsWith('custom.')) return undefined
    const rel = path.slice(0, dot)
    if (!related.has(rel)) {
      const r = await relatedFields(tx, ctx, cat, rel)
      related.set(rel, r?.fields ?? null)
      if (r) joins.set(rel, r.join)
    }
    return related.get(rel)?.get(path)
  }
  const used = new Set<string>()
  async function field(path: string, at: string): Promise<ReportField | undefined> {
    const f = await lookup(path)
    if (!f) errors.push({ path: at, message: `no field "${path}" on ${cat.object} that you may see` })
    else if (f.via) used.add(f.via)
    return f
  }
  async function where(filters: ReportFilter[], at: string): Promise<SQL | undefined> {
    const parts: SQL[] = []
    for (const [i, flt] of filters.entries()) {
      const f = await field(flt.field, `${at}.${i}.field`)
      if (!f) continue
      const c = condition(f, flt.op, flt.value, `${at}.${i}.value`, env)
      if (Array.isArray(c)) errors.push(...c)
      else parts.push(c)
    }
    return parts.length ? and(...parts) : undefined
  }

  const filterWhere = await where(q.filters, 'filters')
  const dashWhere = opts.dashboard
    ? await dashboardWhere(opts.dashboard, opts.dateField, lookup, used, env, errors)
    : undefined

  const groups: PlanGroup[] = []
  const columns: ReportColumn[] = []
  for (const [i, g] of q.groupBy.entries()) {
    const f = await field(g.field, `groupBy.${i}.field`)
    if (!f) continue
    if (f.kind === 'list') {
      errors.push({ path: `groupBy.${i}.field`, message: `${f.label} holds a list and cannot group` })
      continue
    }
    const isDate = f.kind === 'date' || f.kind === 'datetime'
    if (g.bucket && !isDate)
      errors.push({
        path: `groupBy.${i}.bucket`,
        message: `${f.label} is not a date; only dates take a bucket`,
      })
    const bucket = isDate ? (g.bucket ?? 'day') : undefined
    const expr = bucket
      ? f.kind === 'datetime'
        ? sql`to_char(date_trunc(${bucket}, (${f.expr})::timestamptz at time zone 'UTC'), 'YYYY-MM-DD')`
        : sql`to_char(date_trunc(${bucket}, (${f.expr})::date), 'YYYY-MM-DD')`
      : f.kind === 'number'
        ? sql`(${f.expr})::numeric`
        : f.kind === 'boolean'
          ? sql`(${f.expr})::boolean`
          : sql`(${f.expr})::text`
    const key = bucket ? `${g.field}:${bucket}` : g.field
    groups.push({ key, field: f, ...(bucket ? { bucket } : {}), expr })
    columns.push({
      key,
      label: f.label,
      type: bucket ? 'date' : f.kind === 'number' ? 'number' : f.kind === 'boolean' ? 'boolean' : 'string',
      role: 'group',
      field: g.field,
      ...(bucket ? { bucket } : {}),
    })
  }

  const measures: { key: string; expr: SQL }[] = []
  const measureWhere: (SQL | undefined)[] = []
  const keys = new Set(columns.map((c) => c.key))
  const uniqueKey = (k: string) => {
    let out = k
    for (let n = 2; keys.has(out); n++) out = `${k}_${n}`
    keys.add(out)
    return out
  }
  async function simple(m: SimpleMeasure, at: string) {
    const f = m.field ? await field(m.field, `${at}.field`) : undefined
    if (m.fn !== 'count' && !m.field) errors.push({ path: `${at}.field`, message: `${m.fn} needs a field` })
    if (f && (m.fn === 'sum' || m.fn === 'avg') && f.kind !== 'number')
      errors.push({
        path: `${at}.field`,
        message: `${m.fn} needs a number or money field; ${f.label} is not one`,
      })
    if (f && (m.fn === 'min' || m.fn === 'max') && !['number', 'date', 'datetime'].includes(f.kind))
      errors.push({ path: `${at}.field`, message: `${m.fn} needs a number or a date; ${f.label} is neither` })
    const own = m.filters?.length ? await where(m.filters, `${at}.filters`) : undefined
    const filter = own ? sql` filter (where ${own})` : sql``
    const v =
      f?.kind === 'number'
        ? sql`(${f.expr})::numeric`
        : f?.kind === 'date'
          ? sql`(${f.expr})::date`
          : f
            ? sql`${f.expr}`
            : sql``
    const agg =
      m.fn === 'count'
        ? f
          ? sql`count(${v})${filter}`
          : sql`count(*)${filter}`
        : m.fn === 'count_distinct'
          ? sql`count(distinct ${v})${filter}`
          : m.fn === 'min' || m.fn === 'max'
            ? f && f.kind !== 'number'
              ? sql`(${sql.raw(m.fn)}(${v})${filter})::text`
              : sql`${sql.raw(m.fn)}(${v})${filter}`
            : sql`${sql.raw(m.fn)}(${v})${filter}`
    const label = m.label ?? (f ? `${fnLabel[lang][m.fn]} · ${f.label}` : fnLabel[lang][m.fn])
    return {
      agg,
      label,
      type: measureType(m.fn, f),
      own,
      key: m.key ?? (m.field ? `${m.fn}_${m.field.replace(/\./g, '_')}` : m.fn),
    }
  }
  for (const [i, m] of q.measures.entries()) {
    if (m.fn === 'ratio') {
      const num = await simple(m.numerator, `measures.${i}.numerator`)
      const den = await simple(m.denominator, `measures.${i}.denominator`)
      const key = uniqueKey(m.key ?? 'ratio')
      measures.push({ key, expr: sql`((${num.agg})::numeric / nullif((${den.agg})::numeric, 0))` })
      measureWhere.push(num.own)
      columns.push({ key, label: m.label ?? `${num.label} ÷ ${den.label}`, type: 'ratio', role: 'measure' })
    } else {
      const s = await simple(m, `measures.${i}`)
      const key = uniqueKey(s.key)
      measures.push({ key, expr: s.agg })
      measureWhere.push(s.own)
      columns.push({ key, label: s.label, type: s.type, role: 'measure' })
    }
  }

  let orderBy: SQL[] = []
  if (q.sort) {
    const desc = q.sort.startsWith('-')
    const idx = columns.findIndex((c) => c.key === (desc ? q.sort!.slice(1) : q.sort))
    if (idx < 0)
      errors.push({ path: 'sort', message: `sort by one of ${columns.map((c) => c.key).join(', ')}` })
    else orderBy = [sql`${sql.raw(String(idx + 1))} ${sql.raw(desc ? 'desc' : 'asc')} nulls last`]
  } else if (groups.length) {
    // Time runs left to right; other groupings show the biggest first.
    orderBy = groups[0]!.bucket
      ? groups.map((_, i) => sql`${sql.raw(String(i + 1))} asc nulls last`)
      : [
          sql`${sql.raw(String(groups.length + 1))} desc nulls last`,
          ...groups.map((_, i) => sql`${sql.raw(String(i + 1))} asc`),
        ]
  }
  if (errors.length)
    throw new AppError(
      'invalid',
      'invalid_report',
      `The report is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      {
        errors,
      },
    )
  return {
    columns,
    groups,
    measures,
    joins: [...joins.values()].filter((j) => used.has(j.path)),
    where: and(filterWhere, dashWhere),
    orderBy,
    limit: q.limit ?? REPORT_ROW_CAP,
    resolve: (p) => cat.own.get(p) ?? related.get(p.slice(0, p.indexOf('.')))?.get(p),
    measureWhere,
  }
}
