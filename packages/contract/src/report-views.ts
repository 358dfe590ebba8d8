import { z } from 'zod'
import { Id } from './common'
import {
  DashboardFilters,
  NorthStarProgress,
  dashboardViews,
  metricKeys,
  metricPeriods,
  metricUnits,
} from './report-builder'

/**
 * The metrics catalogue and the payloads of the fixed dashboard views (SPEC R-21, issue 17): what
 * `GET /api/v1/metrics` and `GET /api/v1/reports/views/:view` answer. Percent metrics are on a 0–100
 * scale (a north-star target of 85 means 85%); days are averages with one decimal.
 */

export const MetricDefinition = z
  .object({
    key: z.enum(metricKeys),
    label: z.string(),
    description: z.string(),
    unit: z.enum(metricUnits),
    higherIsBetter: z.boolean(),
  })
  .meta({ id: 'MetricDefinition' })
export type MetricDefinition = z.infer<typeof MetricDefinition>
export const MetricCatalogue = z.object({ data: z.array(MetricDefinition) }).meta({ id: 'MetricCatalogue' })
export type MetricCatalogue = z.infer<typeof MetricCatalogue>

/** `GET /api/v1/metrics/:key`: the period to compute (the current one, beside the one before) and the dashboard's filters. */
export const MetricQuery = DashboardFilters.omit({ period: true }).extend({
  period: z.enum(metricPeriods).default('quarter'),
})
export type MetricQuery = z.input<typeof MetricQuery>
export const MetricKeyParams = z.object({ key: z.enum(metricKeys) })
/**
 * The dashboard's filters as query parameters (views, north-star progress). A copy without the
 * component id: OpenAPI query parameters cannot point to a shared schema.
 */
export const DashboardFiltersQuery = DashboardFilters.extend({})

/** An account as the views list it: who owns it and where it sits. */
const ViewAccount = z.object({
  accountId: Id,
  name: z.string(),
  tier: z.string().nullable(),
  segment: z.string().nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
})

export const HealthMover = ViewAccount.extend({
  /** The score 30 days ago (the latest snapshot then, else the first one since). */
  scoreBefore: z.number(),
  scoreNow: z.number(),
  /** scoreNow − scoreBefore. */
  delta: z.number(),
  bandBefore: z.string().nullable(),
  bandNow: z.string().nullable(),
}).meta({ id: 'HealthMover' })
export const HealthMoversView = z
  .object({
    view: z.literal('health_movers'),
    /** The first day of the 30 days compared. */
    since: z.iso.date(),
    /** The biggest rises, largest first (at most 10). */
    up: z.array(HealthMover),
    /** The biggest falls, largest first (at most 10). */
    down: z.array(HealthMover),
  })
  .meta({ id: 'HealthMoversView' })
export type HealthMoversView = z.infer<typeof HealthMoversView>

export const AtRiskAccount = ViewAccount.extend({
  annualSpend: z.number().nullable(),
  currency: z.string(),
  healthScore: z.number().nullable(),
  csmId: Id.nullable(),
  csmName: z.string().nullable(),
}).meta({ id: 'AtRiskAccount' })
export const AtRiskAccountsView = z
  .object({
    view: z.literal('at_risk_accounts'),
    /** The at-risk accounts with the largest annual spend (at most 20). */
    accounts: z.array(AtRiskAccount),
    /** How many at-risk accounts there are in all, and their annual spend. */
    total: z.number().int(),
    totalAnnualSpend: z.number(),
  })
  .meta({ id: 'AtRiskAccountsView' })
export type AtRiskAccountsView = z.infer<typeof AtRiskAccountsView>

export const RoiRow = z
  .object({
    /** The segment (null: accounts without one) or `new` / `existing`. */
    key: z.string().nullable(),
    label: z.string(),
    accounts: z.number().int(),
    /** Won opportunities' amounts in the period. */
    revenue: z.number(),
    activityHours: z.number(),
    /** Activity hours × the hourly rate of the person's role. */
    activityCost: z.number(),
    /** The accounts' share of the campaigns' spend (per touch). */
    campaignCost: z.number(),
    cost: z.number(),
    /** revenue ÷ cost; null without cost. */
    roi: z.number().nullable(),
  })
  .meta({ id: 'RoiRow' })
export type RoiRow = z.infer<typeof RoiRow>
export const RoiOfEffortView = z
  .object({
    view: z.literal('roi_of_effort'),
    from: z.iso.date(),
    to: z.iso.date(),
    currency: z.string(),
    bySegment: z.array(RoiRow),
    /** `new`: accounts without a deal won before the period; `existing`: customers already. */
    byCustomerType: z.array(RoiRow),
    total: RoiRow,
  })
  .meta({ id: 'RoiOfEffortView' })
export type RoiOfEffortView = z.infer<typeof RoiOfEffortView>

export const CycleTimeMonth = z
  .object({
    /** `YYYY-MM`. */
    month: z.string(),
    wonToHandoffDays: z.number().nullable(),
    handoffs: z.number().int(),
    signedToGoLiveDays: z.number().nullable(),
    goLives: z.number().int(),
  })
  .meta({ id: 'CycleTimeMonth' })
export const CycleTimesView = z
  .object({
    view: z.literal('cycle_times'),
    /** The last 12 months, oldest first, the current one last. */
    months: z.array(CycleTimeMonth),
  })
  .meta({ id: 'CycleTimesView' })
export type CycleTimesView = z.infer<typeof CycleTimesView>

export const NorthStarView = NorthStarProgress.extend({ view: z.literal('north_star') }).meta({
  id: 'NorthStarView',
})
export type NorthStarView = z.infer<typeof NorthStarView>

/** Any fixed view's payload, told apart by `view`. */
export const DashboardViewData = z
  .discriminatedUnion('view', [
    HealthMoversView,
    AtRiskAccountsView,
    RoiOfEffortView,
    CycleTimesView,
    NorthStarView,
  ])
  .meta({ id: 'DashboardViewData' })
export type DashboardViewData = z.infer<typeof DashboardViewData>
export const DashboardViewParams = z.object({ view: z.enum(dashboardViews) })
