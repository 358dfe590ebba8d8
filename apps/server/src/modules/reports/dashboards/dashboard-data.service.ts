import { createHash } from 'node:crypto'
import type {
  Dashboard,
  DashboardData,
  DashboardFilters,
  DashboardWidget,
  MetricPeriod,
  ReportQueryParsed,
  SavedReport,
} from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Db } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import { translateMessage } from '../../../core/http/translate-message'
// eslint-disable-next-line no-restricted-imports -- the engine and the metrics are folders of this module (reports)
import { runReport, type Lang } from '../engine/report-run.service'
// eslint-disable-next-line no-restricted-imports -- the engine is a folder of this module (reports)
import { withReportTimeout } from '../engine/report-builder.routes'
// eslint-disable-next-line no-restricted-imports -- the engine and the metrics are folders of this module (reports)
import { computeMetric, computeView } from '../metrics/metric.service'
import { dashboardCache, stableKey } from './dashboard-cache'
import { dashboardCollection } from './dashboard.collection'
import { readableReports } from './report-access'

export type DataOptions = {
  lang: Lang
  /** Filters of the request, over the dashboard's own. */
  filters?: DashboardFilters
  /** Compute again instead of serving the cache. */
  refresh?: boolean
  /** Run the widgets at the same time (PostgreSQL's pool); one after the other on the embedded database. */
  parallel?: boolean
  /** Where a widget's unexpected error is logged (it answers a generic error, the others still answer). */
  log?: Log
}

type WidgetData = DashboardData['widgets'][number]

const FILTER_KEYS = ['ownerId', 'teamId', 'period', 'tier', 'segment'] as const

/** The dashboard's filters with the request's over them (an empty value clears the dashboard's). */
export function effectiveFilters(
  own: DashboardFilters,
  over: Partial<Record<string, string>> = {},
): DashboardFilters {
  const out: Record<string, string> = {}
  for (const k of FILTER_KEYS) {
    const v = k in over ? over[k] : own[k]
    if (v) out[k] = v
  }
  return out as DashboardFilters
}

/**
 * The period a metric widget takes from the dashboard's period filter: a month for a month or less,
 * a year for a year or more than a quarter, a quarter otherwise (and without a period).
 */
export function metricPeriodOf(period: string | undefined): MetricPeriod {
  if (!period) return 'quarter'
  if (/month|week|today|yesterday/.test(period)) return 'month'
  if (/year/.test(period)) return 'year'
  const days = /_(\d+)_days$/.exec(period)
  if (days) {
    const n = Number(days[1])
    return n <= 45 ? 'month' : n <= 120 ? 'quarter' : 'year'
  }
  return 'quarter'
}

/** A saved report as the engine's query (a KPI also answers for the previous period). */
export const queryOf = (r: SavedReport): ReportQueryParsed => ({
  object: r.object,
  filters: r.filters,
  groupBy: r.groupBy,
  measures: r.measures,
  ...(r.sort ? { sort: r.sort } : {}),
  ...(r.limit ? { limit: r.limit } : {}),
  ...(r.chart?.type === 'kpi' ? { compare: 'previous_period' as const } : {}),
})

/** PostgreSQL's "canceling statement due to statement timeout". */
const TIMEOUT = '57014'

type Log = { error(obj: unknown, msg?: string): void }

/** Why a widget has no data: an AppError's message in the reader's language; anything else is logged. */
const messageOf = (err: unknown, lang: Lang, log: Log | undefined, widget: string): string => {
  if (err instanceof AppError) return translateMessage(err.message, lang)
  const e = err as { code?: string; cause?: { code?: string } }
  if (e?.code === TIMEOUT || e?.cause?.code === TIMEOUT)
    return translateMessage('This widget took too long to compute; narrow the dashboard filters', lang)
  log?.error({ err, widget }, 'dashboard widget failed')
  return translateMessage('This widget could not be computed; the error has been logged', lang)
}

async function widgetData(
  db: Db,
  ctx: Ctx,
  w: DashboardWidget,
  reports: Map<string, SavedReport>,
  filters: DashboardFilters,
  lang: Lang,
  log?: Log,
): Promise<WidgetData> {
  try {
    if (w.reportId) {
      const report = reports.get(w.reportId)
      if (!report)
        return {
          id: w.id,
          error: translateMessage('The report of this widget was deleted or is not shared with you', lang),
        }
      const result = await withReportTimeout(db, (tx) =>
        runReport(tx, ctx, queryOf(report), { lang, dashboard: filters, dateField: report.dateField }),
      )
      return { id: w.id, result }
    }
    if (w.metric) {
      const metric = await withReportTimeout(db, (tx) =>
        computeMetric(tx, ctx, w.metric!, metricPeriodOf(filters.period), filters, lang),
      )
      return { id: w.id, metric }
    }
    const view = await withReportTimeout(db, (tx) => computeView(tx, ctx, w.view!, filters, lang))
    return { id: w.id, view }
  } catch (err) {
    return { id: w.id, error: messageOf(err, lang, log, w.id) }
  }
}

/** Every widget's data, one after the other or at the same time. */
export async function widgetsData(
  db: Db,
  ctx: Ctx,
  dashboard: Pick<Dashboard, 'widgets'>,
  reports: Map<string, SavedReport>,
  filters: DashboardFilters,
  lang: Lang,
  parallel = false,
  log?: Log,
): Promise<WidgetData[]> {
  const one = (w: DashboardWidget) => widgetData(db, ctx, w, reports, filters, lang, log)
  if (parallel) return Promise.all(dashboard.widgets.map(one))
  const out: WidgetData[] = []
  for (const w of dashboard.widgets) out.push(await one(w))
  return out
}

/**
 * What decides what the person sees: their roles, the scopes and field access those give, and the people
 * their team scope reaches — a change to any of them (a field hidden from a role) misses the cache.
 */
export function visibilityKey(ctx: Ctx): string {
  const p = ctx.principal
  return createHash('sha1')
    .update(
      stableKey({
        roles: [...p.roles].sort(),
        permissions: p.permissions,
        fieldAccess: p.fieldAccess ?? {},
        team: [...p.teamUserIds].sort(),
      }),
    )
    .digest('base64url')
}

/**
 * A dashboard's data for the person (SPEC R-21): each widget over what they may see, with the dashboard's
 * filters (the request's over them). Served from an in-process cache per dashboard version, reader
 * (person, roles, scopes, field access and team), language, filter set and the versions of the reports it shows, for five minutes.
 */
export async function dashboardData(db: Db, ctx: Ctx, id: string, opts: DataOptions): Promise<DashboardData> {
  const dashboard = await dashboardCollection.get(db, ctx, id)
  const filters = effectiveFilters(dashboard.filters, opts.filters as Record<string, string>)
  const reportIds = [...new Set(dashboard.widgets.flatMap((w) => (w.reportId ? [w.reportId] : [])))]
  const reports = await readableReports(db, ctx, reportIds)
  const key = [
    ctx.ws,
    dashboard.id,
    dashboard.version,
    ctx.principal.userId ?? '-',
    visibilityKey(ctx),
    opts.lang,
    stableKey(filters),
    [...reports.values()].map((r) => `${r.id}:${r.version}`).join(','),
  ].join('|')
  if (!opts.refresh) {
    const hit = dashboardCache.get(key)
    if (hit) return { ...hit, cached: true }
  }
  const asOf = new Date().toISOString()
  const widgets = await widgetsData(db, ctx, dashboard, reports, filters, opts.lang, opts.parallel, opts.log)
  const data: DashboardData = { dashboardId: dashboard.id, filters, asOf, cached: false, widgets }
  dashboardCache.set(
    key,
    data,
    { ws: ctx.ws, dashboardId: dashboard.id, reportIds },
    JSON.stringify(data).length,
  )
  return data
}
