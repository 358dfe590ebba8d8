import type { SavedReport, SavedReportCreate } from '@openkam/contract'
import { ReportQuery } from '@openkam/contract'
import { Collection } from '../../../core/crud/collection'
import { baseRecord } from '../../../core/crud/mapping'
import { AppError, type FieldError } from '../../../core/errors'
import { savedReports } from '../report.table'
import { compile } from './report-compile'
import { catalogue } from './report-fields'
import { sharedWithWhere } from './sharing'

type Row = Record<string, any>

export const savedReportRecord = (r: Row): SavedReport => ({
  ...baseRecord(r),
  name: r.name,
  description: r.description ?? null,
  object: r.object,
  filters: r.filters ?? [],
  groupBy: r.groupBy ?? [],
  measures: r.measures ?? [],
  sort: r.sort ?? null,
  limit: r.limit ?? null,
  chart: r.chart ?? { type: 'bar' },
  dateField: r.dateField ?? null,
  sharedWith: r.sharedWith ?? { roles: [], teams: [] },
  template: r.template ?? null,
  ownerId: r.ownerId ?? null,
})

const COLUMNS = [
  'name',
  'description',
  'object',
  'filters',
  'groupBy',
  'measures',
  'sort',
  'limit',
  'chart',
  'dateField',
  'sharedWith',
]
const DEFAULTS: Row = { filters: [], groupBy: [], sharedWith: { roles: [], teams: [] } }

/** Saved reports (SPEC R-21): the query is checked against the fields the saving person may see. */
export const savedReportCollection = new Collection<
  SavedReport,
  SavedReportCreate & { template?: string; ownerId?: string | null },
  any
>({
  name: 'reports',
  entity: 'report',
  label: 'Report',
  table: savedReports,
  toRecord: savedReportRecord,
  toColumns: (input) => {
    const cols: Row = {}
    for (const k of [...COLUMNS, 'template'])
      if (k in input) cols[k] = (input as Row)[k] ?? DEFAULTS[k] ?? null
    return cols
  },
  async validate(tx, ctx, c) {
    const q = ReportQuery.safeParse({
      object: c.object,
      filters: c.filters,
      groupBy: c.groupBy,
      measures: c.measures,
      ...(c.sort ? { sort: c.sort } : {}),
      ...(c.limit ? { limit: c.limit } : {}),
    })
    if (!q.success)
      return q.error.issues.map((i): FieldError => ({ path: i.path.join('.'), message: i.message }))
    try {
      const cat = await catalogue(tx, ctx, q.data.object, 'en')
      await compile(tx, ctx, cat, q.data, { today: new Date() })
      if (c.dateField) {
        const f = await compile(
          tx,
          ctx,
          cat,
          { ...q.data, filters: [{ field: c.dateField, op: 'not_empty' }] },
          { today: new Date() },
        )
        const df = f.resolve(c.dateField)
        if (df && df.kind !== 'date' && df.kind !== 'datetime')
          return [{ path: 'dateField', message: `${df.label} is not a date` }]
      }
    } catch (e) {
      if (e instanceof AppError) {
        const errors = e.extra.errors
        if (errors?.length) return errors
        if (e.kind === 'not_found')
          return [{ path: 'object', message: `no object "${c.object}" you may read` }]
      }
      throw e
    }
    return []
  },
  sharedWith: (ctx) => sharedWithWhere(ctx, savedReports.sharedWith),
  sortable: {
    name: { column: savedReports.name, kind: 'string' },
    updatedAt: { column: savedReports.updatedAt, kind: 'date' },
    createdAt: { column: savedReports.createdAt, kind: 'date' },
  },
  filterable: {
    object: { column: savedReports.object, kind: 'string' },
    ownerId: { column: savedReports.ownerId, kind: 'uuid' },
    template: { column: savedReports.template, kind: 'string' },
  },
  search: [savedReports.name, savedReports.description],
  defaultSort: 'name',
})
