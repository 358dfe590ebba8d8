import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import {
  DashboardFilters,
  IdParams,
  Problem,
  ReportDrill,
  ReportDrillPage,
  ReportQuery,
  ReportResult,
  SavedReport,
  SavedReportCreate,
  SavedReportUpdate,
} from '@openkam/contract'
import type { App } from '../../../core/http/server'
import type { Db, Executor } from '../../../core/db/types'
import { registerCollectionRoutes } from '../../../core/http/collection-routes'
import { csvStream, xlsxStream } from '../../../core/http/export-routes'
import { languageOf } from '../../fields'
import { drillReport } from './report-drill.service'
import { catalogue, relatedFields } from './report-fields'
import { runReport } from './report-run.service'
import { savedReportCollection } from './saved-report.collection'

const errors = { 400: Problem, 403: Problem, 404: Problem }
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const tags = ['reports']
/** How long one report statement may run before PostgreSQL cancels it. */
export const REPORT_TIMEOUT_MS = 20_000

/** A report's statements in one read transaction under a statement timeout. */
export const withReportTimeout = <T>(db: Db, fn: (tx: Executor) => Promise<T>) =>
  db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${REPORT_TIMEOUT_MS}`))
    return fn(tx)
  })

const SQLISH = /(;|--|\/\*|\b(select|union|insert|update|delete|drop|alter|truncate|pg_sleep)\b)/i
/** Values that look like SQL are only ever parameters; they are logged, so that probing shows up. */
function logSqlLooking(req: FastifyRequest, body: unknown) {
  const seen: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string' && SQLISH.test(v)) seen.push(v.slice(0, 200))
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(body)
  if (seen.length)
    req.log.warn(
      { values: seen, user: req.ctx.principal.userId },
      'report input looks like SQL; used as a value only',
    )
}

const ReportFieldInfo = z.object({
  path: z.string(),
  label: z.string(),
  type: z.string(),
  kind: z.enum(['number', 'text', 'date', 'datetime', 'boolean', 'id', 'list']),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** A relation whose record's fields are reportable as `<path>.<field>`. */
  relation: z.string().optional(),
})

/**
 * The report builder (SPEC R-21): run, drill down, saved reports and the fields a report may use. Reports
 * run on `reads` (the read replica when there is one); saved reports are written through `db`.
 */
export function registerReportBuilderRoutes(app: App, db: Db, reads: Db = db) {
  app.post(
    '/api/v1/reports/run',
    {
      schema: {
        tags,
        summary: 'Run a report query over the rows the caller may see',
        body: ReportQuery,
        querystring: z.object({ lang: z.enum(['en', 'zh-CN']).optional() }).strict(),
        response: { 200: ReportResult, ...errors },
      },
    },
    async (req) => {
      logSqlLooking(req, req.body)
      return withReportTimeout(reads, (tx) => runReport(tx, req.ctx, req.body, { lang: languageOf(req) }))
    },
  )
  app.post(
    '/api/v1/reports/drill',
    {
      schema: {
        tags,
        summary: 'The records behind one group of a report (a page of the object’s list)',
        body: ReportDrill,
        response: { 200: ReportDrillPage, ...errors },
      },
    },
    async (req) => {
      logSqlLooking(req, req.body)
      return withReportTimeout(reads, (tx) => drillReport(tx, req.ctx, req.body, { lang: languageOf(req) }))
    },
  )
  app.get(
    '/api/v1/reports/fields',
    {
      schema: {
        tags,
        summary:
          'The fields a report on an object may use: its own, and through each relation the related record’s',
        querystring: z
          .object({ object: z.string().max(60), lang: z.enum(['en', 'zh-CN']).optional() })
          .strict(),
        response: { 200: z.object({ object: z.string(), fields: z.array(ReportFieldInfo) }), ...errors },
      },
    },
    async (req) => {
      const lang = languageOf(req)
      const cat = await catalogue(db, req.ctx, req.query.object, lang)
      const info = (f: {
        path: string
        label: string
        type: string
        kind: z.infer<typeof ReportFieldInfo>['kind']
        options?: { value: string; label: string }[]
      }) => ({
        path: f.path,
        label: f.label,
        type: f.type,
        kind: f.kind,
        ...(f.options ? { options: f.options } : {}),
      })
      const fields: z.infer<typeof ReportFieldInfo>[] = []
      for (const f of cat.own.values()) {
        const rel = f.target && 'object' in f.target ? await relatedFields(db, req.ctx, cat, f.path) : null
        fields.push({ ...info(f), ...(rel ? { relation: rel.join.object } : {}) })
        if (rel) for (const r of rel.fields.values()) fields.push(info(r))
      }
      return { object: cat.object, fields }
    },
  )
  app.post(
    '/api/v1/reports/export',
    {
      schema: {
        tags,
        summary: 'Run a report and download its table as CSV (UTF-8 with BOM) or Excel',
        body: ReportQuery,
        // A dashboard widget's export: the dashboard's filters, applied as the widget applies them.
        querystring: DashboardFilters.extend({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          lang: z.enum(['en', 'zh-CN']).optional(),
          dateField: z.string().max(200).optional(),
        }).strict(),
        produces: ['text/csv', XLSX_TYPE],
        response: { 200: z.string().describe('the file'), ...errors },
      } as never,
    },
    async (req, reply) => {
      const {
        format,
        lang: _lang,
        dateField,
        ...dashboard
      } = req.query as DashboardFilters & {
        format: 'csv' | 'xlsx'
        lang?: string
        dateField?: string
      }
      const body = req.body as z.output<typeof ReportQuery>
      logSqlLooking(req, body)
      const r = await withReportTimeout(reads, (tx) =>
        runReport(tx, req.ctx, body, { lang: languageOf(req), dashboard, dateField: dateField ?? null }),
      )
      // Groups by their labels (names, options, buckets), measures as numbers.
      const columns = r.columns.map((c, i) => ({
        header: c.label,
        get: (row: Record<string, unknown>) => {
          const v = (row.values as unknown[])[i]
          return c.role === 'group' ? (r.labels[c.key]?.[String(v)] ?? v) : v
        },
      }))
      const source = (async function* () {
        yield r.rows.map((values) => ({ values }))
      })()
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
      reply
        .header('content-disposition', `attachment; filename="report-${body.object}-${stamp}.${format}"`)
        .header('cache-control', 'no-store')
      if (format === 'xlsx') return reply.type(XLSX_TYPE).send(xlsxStream('report', columns, source))
      return reply.type('text/csv; charset=utf-8').send(csvStream(columns, source))
    },
  )
  registerCollectionRoutes(app, db, savedReportCollection, {
    Record: SavedReport,
    Create: SavedReportCreate,
    Update: SavedReportUpdate,
  })
  app.get(
    '/api/v1/reports/:id/data',
    {
      schema: {
        tags,
        summary: 'Run a saved report, optionally under a dashboard’s filters',
        params: IdParams,
        querystring: DashboardFilters.extend({ lang: z.enum(['en', 'zh-CN']).optional() }).strict(),
        response: { 200: ReportResult, ...errors },
      },
    },
    async (req) => {
      const { lang: _lang, ...filters } = req.query
      return withReportTimeout(reads, async (tx) => {
        const r = await savedReportCollection.get(tx, req.ctx, req.params.id)
        const query = ReportQuery.parse({
          object: r.object,
          filters: r.filters,
          groupBy: r.groupBy,
          measures: r.measures,
          ...(r.sort ? { sort: r.sort } : {}),
          ...(r.limit ? { limit: r.limit } : {}),
          ...(r.chart.type === 'kpi' ? { compare: 'previous_period' } : {}),
        })
        return runReport(tx, req.ctx, query, {
          lang: languageOf(req),
          dashboard: filters,
          dateField: r.dateField,
        })
      })
    },
  )
}
