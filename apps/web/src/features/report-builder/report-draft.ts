import type {
  ChartType,
  MeasureFn,
  ReportFilter,
  ReportGroupBy,
  ReportMeasure,
  ReportOp,
  ReportQuery,
  SavedReport,
  SavedReportCreate,
  SimpleMeasure,
} from '@openkam/contract'
import { RELATIVE_DATE } from '@openkam/contract'
import type { ReportFieldInfo } from './report-builder.queries'

/** A report being built: the query, its chart and the KPI's comparison. */
export type ReportDraft = {
  object: string
  filters: ReportFilter[]
  groupBy: ReportGroupBy[]
  measures: ReportMeasure[]
  sort?: string
  limit?: number
  chart: { type: ChartType; horizontal?: boolean }
  compare?: boolean
}

export const emptyDraft = (object = ''): ReportDraft => ({
  object,
  filters: [],
  groupBy: [],
  measures: [{ fn: 'count' }],
  chart: { type: 'bar' },
})

export const draftOf = (r: SavedReport): ReportDraft => ({
  object: r.object,
  filters: r.filters,
  groupBy: r.groupBy,
  measures: r.measures.length ? r.measures : [{ fn: 'count' }],
  sort: r.sort ?? undefined,
  limit: r.limit ?? undefined,
  chart: { type: r.chart.type, ...(r.chart.horizontal ? { horizontal: true } : {}) },
  // Kept when the server stores it with the query.
  ...((r as { compare?: string }).compare ? { compare: true } : {}),
})

type Kind = ReportFieldInfo['kind']

/** The operators that fit a field. */
export function operatorsFor(f: ReportFieldInfo | undefined): ReportOp[] {
  if (!f) return []
  const optional: ReportOp[] = ['empty', 'not_empty']
  switch (f.kind) {
    case 'number':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', ...optional]
    case 'date':
    case 'datetime':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', ...optional]
    case 'boolean':
      return ['eq', ...optional]
    case 'id':
      return f.type === 'user' ? ['eq', 'neq', 'in', ...optional] : optional
    case 'list':
      return ['in', ...optional]
    default:
      return f.options?.length ? ['eq', 'neq', 'in', ...optional] : ['eq', 'neq', 'contains', ...optional]
  }
}

/** Whether an operator compares with a value (all but empty and not empty). */
export const takesValue = (op: ReportOp) => op !== 'empty' && op !== 'not_empty'

const isDateKind = (k: Kind) => k === 'date' || k === 'datetime'

/** Whether a filter is complete enough to send. */
export function filterReady(f: ReportFilter, field: ReportFieldInfo | undefined): boolean {
  if (!f.field || !field) return false
  if (!takesValue(f.op)) return true
  const v = f.value
  if (v === undefined || v === null || v === '') return false
  if (f.op === 'in') return Array.isArray(v) && v.length > 0
  if (f.op === 'between') {
    if (isDateKind(field.kind) && typeof v === 'string') return RELATIVE_DATE.test(v)
    return Array.isArray(v) && v.length === 2 && v.every((x) => x !== null && x !== undefined && x !== '')
  }
  return !Array.isArray(v)
}

/** The value a filter starts with after its field or operator changes. */
export function defaultValue(field: ReportFieldInfo | undefined, op: ReportOp): ReportFilter['value'] {
  if (!field || !takesValue(op)) return undefined
  if (op === 'in') return []
  if (isDateKind(field.kind) && (op === 'eq' || op === 'neq' || op === 'between')) return 'this_month'
  if (field.kind === 'boolean') return true
  return undefined
}

/** The functions a measure may apply to a field (count needs none). */
export function fnsFor(f: ReportFieldInfo | undefined): MeasureFn[] {
  if (!f) return ['count']
  if (f.kind === 'number') return ['sum', 'avg', 'min', 'max', 'count_distinct']
  if (f.kind === 'list') return []
  return ['count_distinct']
}

/** Fields a report may group by: texts and options, people and records, dates, yes/no. */
export const groupable = (f: ReportFieldInfo) => f.kind !== 'list'
/** Fields a measure may use. */
export const measurable = (f: ReportFieldInfo) => fnsFor(f).length > 0

// A saved report may name a field the person can no longer see (field security, a deleted field): it is
// sent as it is, so that the server's 400 names it instead of the report quietly changing meaning.
const unknown = (path: string | undefined, fields: Map<string, ReportFieldInfo>) =>
  !!path && !fields.has(path)
const keepFilter = (f: ReportFilter, fields: Map<string, ReportFieldInfo>) =>
  unknown(f.field, fields) || filterReady(f, fields.get(f.field))

const simpleReady = (m: SimpleMeasure, fields: Map<string, ReportFieldInfo>) =>
  m.fn === 'count'
    ? true
    : !!m.field && (unknown(m.field, fields) || fnsFor(fields.get(m.field)).includes(m.fn))

const cleanSimple = (m: SimpleMeasure, fields: Map<string, ReportFieldInfo>): SimpleMeasure => {
  const filters = (m.filters ?? []).filter((f) => keepFilter(f, fields))
  return {
    fn: m.fn,
    ...(m.fn !== 'count' && m.field ? { field: m.field } : {}),
    ...(filters.length ? { filters } : {}),
    ...(m.key ? { key: m.key } : {}),
    ...(m.label?.trim() ? { label: m.label.trim() } : {}),
  }
}

/** A measure key the server accepts, unique within the report. */
const keyFor = (i: number) => `m${i + 1}`

/**
 * The query to run for a draft, leaving out unfinished filters and measures; null until an object and
 * one complete measure are chosen. Measures that would answer under the same column get their own keys.
 */
export function toQuery(d: ReportDraft, fieldList: ReportFieldInfo[]): ReportQuery | null {
  if (!d.object) return null
  const fields = new Map(fieldList.map((f) => [f.path, f]))
  const measures: ReportMeasure[] = []
  for (const m of d.measures) {
    if (m.fn === 'ratio') {
      if (simpleReady(m.numerator, fields) && simpleReady(m.denominator, fields))
        measures.push({
          fn: 'ratio',
          numerator: cleanSimple(m.numerator, fields),
          denominator: cleanSimple(m.denominator, fields),
          ...(m.key ? { key: m.key } : {}),
          ...(m.label?.trim() ? { label: m.label.trim() } : {}),
        })
    } else if (simpleReady(m, fields)) measures.push(cleanSimple(m, fields))
  }
  if (!measures.length) return null
  // Two measures of the same function and field (or two ratios) would share a column key.
  const seen = new Set<string>()
  const keyed = measures.map((m, i) => {
    const natural = m.key ?? (m.fn === 'ratio' ? 'ratio' : m.field ? `${m.fn}_${m.field}` : m.fn)
    const clash = seen.has(natural)
    seen.add(natural)
    return clash && !m.key ? { ...m, key: keyFor(i) } : m
  })
  const kpi = d.chart.type === 'kpi'
  const groupBy = kpi
    ? []
    : d.groupBy
        .filter((g) => !!g.field)
        .map((g) => {
          const f = fields.get(g.field)
          if (!f) return g
          return isDateKind(f.kind) ? { field: g.field, bucket: g.bucket ?? 'month' } : { field: g.field }
        })
  const filters = d.filters.filter((f) => keepFilter(f, fields))
  return {
    object: d.object,
    filters,
    groupBy,
    measures: keyed,
    ...(d.sort && !kpi ? { sort: d.sort } : {}),
    ...(d.limit ? { limit: d.limit } : {}),
    ...(kpi && d.compare ? { compare: 'previous_period' as const } : {}),
  }
}

/** What to save: the query (with the KPI's comparison), the chart and the saving details. */
export function toSaveBody(
  q: ReportQuery,
  d: ReportDraft,
  meta: Pick<SavedReportCreate, 'name' | 'description' | 'dateField' | 'sharedWith'>,
): SavedReportCreate {
  return { ...q, chart: d.chart, ...meta }
}
