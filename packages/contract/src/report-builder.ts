import { z } from 'zod'
import { Id, Timestamp } from './common'
import { RELATIVE_DATE } from './report-periods'

export * from './report-periods'

/**
 * The report engine (SPEC R-21): a report is a query over one object of the object model — filters,
 * up to two groupings and measures — compiled by the server to parameterised SQL over the rows the
 * caller may see. Saved reports add a name and a chart; dashboards arrange saved reports.
 */

const objectKey = z.string().regex(/^[a-z][a-z0-9_-]{1,59}$/, 'an object key such as opportunities')
/** A field of the object (`tier`, `custom.discount`) or, through one relation, of the related record (`accountId.tier`). */
export const ReportFieldPath = z
  .string()
  .regex(
    /^[a-zA-Z][a-zA-Z0-9_]{0,80}(\.[a-zA-Z][a-zA-Z0-9_]{0,80}){0,2}$/,
    'a field such as tier, custom.discount or accountId.tier',
  )

export const reportOps = [
  'eq',
  'neq',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'contains',
  'empty',
  'not_empty',
] as const
export type ReportOp = (typeof reportOps)[number]

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()])
export const ReportFilter = z
  .object({
    field: ReportFieldPath,
    op: z.enum(reportOps),
    /** `in`: a list; `between`: `[from, to]`; dates also take a relative period (`this_quarter`, `last_90_days`). */
    value: z.union([scalar, z.array(scalar).max(200)]).optional(),
  })
  .meta({ id: 'ReportFilter' })
export type ReportFilter = z.infer<typeof ReportFilter>

export const reportBuckets = ['day', 'week', 'month', 'quarter', 'year'] as const
export type ReportBucket = (typeof reportBuckets)[number]
export const ReportGroupBy = z
  .object({ field: ReportFieldPath, bucket: z.enum(reportBuckets).optional() })
  .meta({ id: 'ReportGroupBy' })
export type ReportGroupBy = z.infer<typeof ReportGroupBy>

export const measureFns = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'] as const
export type MeasureFn = (typeof measureFns)[number]
const measureKey = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,40}$/, 'a key such as won or arr')
export const SimpleMeasure = z
  .object({
    fn: z.enum(measureFns),
    /** Required for every function but count. */
    field: ReportFieldPath.optional(),
    /** Only rows matching these count for this measure (e.g. won ones), besides the report's filters. */
    filters: z.array(ReportFilter).max(10).optional(),
    /** The column key in the answer; `<fn>` or `<fn>_<field>` by default. */
    key: measureKey.optional(),
    label: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'ReportSimpleMeasure' })
export type SimpleMeasure = z.infer<typeof SimpleMeasure>
export const RatioMeasure = z
  .object({
    fn: z.literal('ratio'),
    numerator: SimpleMeasure,
    denominator: SimpleMeasure,
    key: measureKey.optional(),
    label: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'ReportRatioMeasure' })
export const ReportMeasure = z.union([SimpleMeasure, RatioMeasure]).meta({ id: 'ReportMeasure' })
export type ReportMeasure = z.infer<typeof ReportMeasure>

export const REPORT_ROW_CAP = 5000
export const ReportQuery = z
  .object({
    object: objectKey,
    filters: z.array(ReportFilter).max(30).default([]),
    groupBy: z.array(ReportGroupBy).max(2, 'group by at most two fields').default([]),
    measures: z
      .array(ReportMeasure)
      .min(1, 'add at least one measure')
      .max(8)
      .default([{ fn: 'count' }]),
    /** A column key of the answer (a grouping's field or a measure's key), `-` first for descending. */
    sort: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(REPORT_ROW_CAP).optional(),
    /** Also answer for the period before: every relative date filter moved back one period (KPI comparison). */
    compare: z.literal('previous_period').optional(),
  })
  .meta({ id: 'ReportQuery' })
export type ReportQuery = z.input<typeof ReportQuery>
export type ReportQueryParsed = z.output<typeof ReportQuery>

export const reportColumnTypes = [
  'string',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'ratio',
] as const
export const ReportColumn = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(reportColumnTypes),
    role: z.enum(['group', 'measure']),
    /** A grouping's field path and bucket, to drill with. */
    field: z.string().optional(),
    bucket: z.enum(reportBuckets).optional(),
  })
  .meta({ id: 'ReportColumn' })
export type ReportColumn = z.infer<typeof ReportColumn>
export const ReportResult = z
  .object({
    object: z.string(),
    columns: z.array(ReportColumn),
    /** Raw values: a grouping's value as stored (an id, an option, a bucket's first day) or null; measures as numbers. */
    rows: z.array(z.array(z.unknown())),
    /** Per grouping column, the label of each value (option labels, names of people and records, bucket names). */
    labels: z.record(z.string(), z.record(z.string(), z.string())),
    /** With `compare`: the same measures over the previous period, one row per grouping value as in `rows`. */
    previous: z.array(z.array(z.unknown())).optional(),
    asOf: Timestamp,
    truncated: z.boolean(),
  })
  .meta({ id: 'ReportResult' })
export type ReportResult = z.infer<typeof ReportResult>

/** A drill-down: the report plus one group's values (keys are the grouping fields), and a page. */
export const ReportDrill = ReportQuery.extend({
  group: z.record(z.string(), scalar).default({}),
  /** The index of a measure whose own filters also apply (the records behind that number). */
  measure: z.number().int().min(0).max(7).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
}).meta({ id: 'ReportDrill' })
export type ReportDrill = z.input<typeof ReportDrill>
export const ReportDrillPage = z
  .object({
    object: z.string(),
    data: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ReportDrillPage' })

export const chartTypes = [
  'bar',
  'stacked_bar',
  'line',
  'area',
  'pie',
  'funnel',
  'table',
  'kpi',
  'pivot',
] as const
export type ChartType = (typeof chartTypes)[number]
export const ReportChart = z
  .object({
    type: z.enum(chartTypes).default('bar'),
    /** Horizontal bars. */
    horizontal: z.boolean().optional(),
  })
  .meta({ id: 'ReportChart' })

export const SharedWith = z
  .object({ roles: z.array(z.string().max(40)).max(50).default([]), teams: z.array(Id).max(50).default([]) })
  .meta({ id: 'SharedWith' })
export type SharedWith = z.infer<typeof SharedWith>

const reportName = z.string().trim().min(1, 'is required').max(200, 'at most 200 characters')
const savedReportFields = {
  name: reportName,
  description: z.string().trim().max(2000).nullable().optional(),
  chart: ReportChart.default({ type: 'bar' }),
  /** The date field a dashboard's period filter applies to; the object's creation time by default. */
  dateField: ReportFieldPath.nullable().optional(),
  sharedWith: SharedWith.optional(),
}
export const SavedReportCreate = ReportQuery.extend(savedReportFields).meta({ id: 'SavedReportCreate' })
export type SavedReportCreate = z.input<typeof SavedReportCreate>
/** A change: only the parts given (no defaults, so a partial change keeps the rest). */
export const SavedReportUpdate = z
  .object({
    object: objectKey.optional(),
    filters: z.array(ReportFilter).max(30).optional(),
    groupBy: z.array(ReportGroupBy).max(2, 'group by at most two fields').optional(),
    measures: z.array(ReportMeasure).min(1, 'add at least one measure').max(8).optional(),
    sort: z.string().max(100).nullable().optional(),
    limit: z.number().int().min(1).max(REPORT_ROW_CAP).nullable().optional(),
    name: reportName.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    chart: ReportChart.optional(),
    dateField: ReportFieldPath.nullable().optional(),
    sharedWith: SharedWith.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'SavedReportUpdate' })
export type SavedReportUpdate = z.input<typeof SavedReportUpdate>
export const SavedReport = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    object: z.string(),
    filters: z.array(ReportFilter),
    groupBy: z.array(ReportGroupBy),
    measures: z.array(ReportMeasure),
    sort: z.string().nullable(),
    limit: z.number().nullable(),
    chart: ReportChart,
    dateField: z.string().nullable(),
    sharedWith: SharedWith,
    /** The template key of a built-in report (an editable copy). */
    template: z.string().nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'SavedReport' })
export type SavedReport = z.infer<typeof SavedReport>

// ── dashboards ───────────────────────────────────────────────────────────────

/** Figures the engine computes that one object's aggregate cannot (retention, cycle times, NPS, ROI). */
export const metricKeys = [
  'nps',
  'renewal_rate',
  'gross_revenue_retention',
  'net_revenue_retention',
  'expansion_revenue',
  'new_business_won',
  'first_deal_wins',
  'win_rate',
  'healthy_share',
  'at_risk_arr',
  'won_to_handoff_days',
  'signed_to_golive_days',
] as const
export type ReportMetricKey = (typeof metricKeys)[number]
export const metricPeriods = ['month', 'quarter', 'year'] as const
export type MetricPeriod = (typeof metricPeriods)[number]

/** Fixed views a dashboard may hold beside saved reports. */
export const dashboardViews = [
  'health_movers',
  'at_risk_accounts',
  'roi_of_effort',
  'cycle_times',
  'north_star',
] as const
export const DashboardWidget = z
  .object({
    /** Stable within the dashboard (the web makes one). */
    id: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _'),
    reportId: Id.optional(),
    metric: z.enum(metricKeys).optional(),
    view: z.enum(dashboardViews).optional(),
    title: z.string().trim().max(100).optional(),
    x: z.number().int().min(0).max(11),
    y: z.number().int().min(0).max(500),
    w: z.number().int().min(1).max(12),
    h: z.number().int().min(1).max(20),
  })
  .superRefine((w, ctx) => {
    const kinds = [w.reportId, w.metric, w.view].filter((v) => v !== undefined).length
    if (kinds !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['reportId'],
        message: 'give exactly one of reportId, metric or view',
      })
    if (w.x + w.w > 12)
      ctx.addIssue({ code: 'custom', path: ['w'], message: 'the widget must fit 12 columns' })
  })
  .meta({ id: 'DashboardWidget' })
export type DashboardWidget = z.infer<typeof DashboardWidget>

/** Filters a dashboard applies to every widget (each report maps them to its own fields). */
export const DashboardFilters = z
  .object({
    ownerId: Id.optional(),
    teamId: Id.optional(),
    /** A relative period (`this_quarter`, `last_90_days`) applied to each report's date field. */
    period: z.string().regex(RELATIVE_DATE, 'a period such as this_quarter or last_90_days').optional(),
    tier: z.string().max(40).optional(),
    segment: z.string().max(100).optional(),
  })
  .meta({ id: 'DashboardFilters' })
export type DashboardFilters = z.infer<typeof DashboardFilters>

const dashboardFields = {
  name: reportName,
  description: z.string().trim().max(2000).nullable().optional(),
  widgets: z.array(DashboardWidget).max(40).default([]),
  filters: DashboardFilters.default({}),
  sharedWith: SharedWith.optional(),
}
export const DashboardCreate = z.object(dashboardFields).meta({ id: 'DashboardCreate' })
export type DashboardCreate = z.input<typeof DashboardCreate>
export const DashboardUpdate = z
  .object({
    ...dashboardFields,
    name: reportName.optional(),
    widgets: z.array(DashboardWidget).max(40).optional(),
    filters: DashboardFilters.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'DashboardUpdate' })
export type DashboardUpdate = z.input<typeof DashboardUpdate>
export const Dashboard = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    widgets: z.array(DashboardWidget),
    filters: DashboardFilters,
    sharedWith: SharedWith,
    template: z.string().nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Dashboard' })
export type Dashboard = z.infer<typeof Dashboard>

export const DashboardData = z
  .object({
    dashboardId: Id,
    filters: DashboardFilters,
    asOf: Timestamp,
    /** Served from the cache of this filter set (refresh=true computes again). */
    cached: z.boolean(),
    widgets: z.array(
      z.object({
        id: z.string(),
        result: ReportResult.optional(),
        metric: z.lazy(() => MetricValue).optional(),
        view: z.unknown().optional(),
        /** Why this widget has no data (e.g. the report was deleted or reads a field the person may not see). */
        error: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'DashboardData' })
export type DashboardData = z.infer<typeof DashboardData>

export const subscriptionChannels = ['email', 'wecom', 'dingtalk', 'feishu'] as const
export const subscriptionFrequencies = ['daily', 'weekly', 'monthly'] as const
const subscriptionFields = {
  dashboardId: Id,
  channel: z.enum(subscriptionChannels),
  frequency: z.enum(subscriptionFrequencies).default('weekly'),
  /** Hour of the day (workspace time) to send at. */
  hour: z.number().int().min(0).max(23).default(8),
  enabled: z.boolean().default(true),
}
export const DashboardSubscriptionCreate = z
  .object(subscriptionFields)
  .meta({ id: 'DashboardSubscriptionCreate' })
export const DashboardSubscriptionUpdate = z
  .object(subscriptionFields)
  .partial()
  .extend({ version: z.number().int() })
  .meta({ id: 'DashboardSubscriptionUpdate' })
export const DashboardSubscription = z
  .object({
    id: Id,
    dashboardId: Id,
    channel: z.enum(subscriptionChannels),
    frequency: z.enum(subscriptionFrequencies),
    hour: z.number().int(),
    enabled: z.boolean(),
    lastSentAt: Timestamp.nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'DashboardSubscription' })
export type DashboardSubscription = z.infer<typeof DashboardSubscription>

// ── north-star metrics ───────────────────────────────────────────────────────

export const NorthStarMetric = z
  .object({
    key: z.enum(metricKeys),
    target: z.number().finite(),
    period: z.enum(metricPeriods).default('quarter'),
  })
  .meta({ id: 'NorthStarMetric' })
export const NorthStar = z
  .object({
    metrics: z
      .array(NorthStarMetric)
      .max(6, 'choose at most six north-star metrics')
      .refine((ms) => new Set(ms.map((m) => m.key)).size === ms.length, 'each metric at most once'),
  })
  .meta({ id: 'NorthStar' })
export type NorthStar = z.infer<typeof NorthStar>

export const metricUnits = ['score', 'percent', 'money', 'count', 'days'] as const
export const MetricValue = z
  .object({
    key: z.enum(metricKeys),
    label: z.string(),
    unit: z.enum(metricUnits),
    /** Whether a higher value is better (false for days and at-risk ARR). */
    higherIsBetter: z.boolean(),
    period: z.enum(metricPeriods),
    from: z.iso.date(),
    to: z.iso.date(),
    /** Null when there is no data for the period. */
    value: z.number().nullable(),
    previous: z.number().nullable(),
    /** How many records the value rests on. */
    sample: z.number().int(),
  })
  .meta({ id: 'MetricValue' })
export type MetricValue = z.infer<typeof MetricValue>
export const NorthStarProgress = z
  .object({
    asOf: Timestamp,
    metrics: z.array(
      MetricValue.extend({
        target: z.number(),
        /** value ÷ target (or target ÷ value when lower is better); null without a value. */
        progress: z.number().nullable(),
        status: z.enum(['met', 'on_track', 'behind', 'no_data']),
      }),
    ),
  })
  .meta({ id: 'NorthStarProgress' })
export type NorthStarProgress = z.infer<typeof NorthStarProgress>

/** What effort costs, for the ROI of effort: an hour of logged activity per role, and marketing spend per campaign. */
export const EffortCosts = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO currency code such as CNY'),
    hourlyRates: z.record(z.string().max(40), z.number().min(0).max(1_000_000)),
    campaignSpend: z.record(z.string().max(200), z.number().min(0).max(1_000_000_000_000)),
  })
  .meta({ id: 'EffortCosts' })
export type EffortCosts = z.infer<typeof EffortCosts>
