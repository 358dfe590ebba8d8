import { z } from 'zod'
import {
  DashboardFiltersQuery,
  DashboardViewData,
  DashboardViewParams,
  EffortCosts,
  MetricCatalogue,
  MetricKeyParams,
  MetricQuery,
  MetricValue,
  NorthStar,
  NorthStarProgress,
  Problem,
} from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import { messageLanguage } from '../../../core/http/language'
import type { App } from '../../../core/http/server'
import { getEffortCosts, setEffortCosts } from './effort-cost.service'
import { metricDefinitions } from './metric-catalogue'
import { computeMetric } from './metric-value.service'
import { getNorthStar, northStarProgress, setNorthStar } from './north-star.service'
import { computeViewData } from './view.service'

const errors = { 400: Problem, 401: Problem, 403: Problem }
const tags = ['reports']

/**
 * Metrics, north-star metrics, effort costs and the fixed dashboard views (SPEC R-21): read over what the
 * caller may see; north star and effort costs are written by administrators.
 */
export function registerMetricRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/metrics',
    {
      schema: {
        tags,
        summary: 'The metrics dashboards and the north star can show, with their labels in your language',
        response: { 200: MetricCatalogue, 401: Problem },
      },
    },
    async (req) => ({ data: metricDefinitions(messageLanguage(req)) }),
  )
  app.get(
    '/api/v1/metrics/:key',
    {
      schema: {
        tags,
        summary:
          'One metric for the current month, quarter or year beside the one before, over the records you may see (percentages 0–100)',
        params: MetricKeyParams,
        querystring: MetricQuery,
        response: { 200: MetricValue, ...errors },
      },
    },
    async (req) => {
      const { period, ...filters } = req.query
      return computeMetric(db, req.ctx, req.params.key, period, filters, messageLanguage(req))
    },
  )
  app.get(
    '/api/v1/reports/views/:view',
    {
      schema: {
        tags,
        summary:
          'A fixed dashboard view: health movers, at-risk accounts, ROI of effort (over `period`, this year by default), cycle times or north-star progress',
        params: DashboardViewParams,
        querystring: DashboardFiltersQuery.extend({
          lang: z
            .enum(['en', 'zh-CN'])
            .optional()
            .describe('labels in this language; Accept-Language by default'),
        }),
        response: { 200: DashboardViewData, ...errors },
      },
    },
    async (req) => {
      const { lang, ...filters } = req.query
      return computeViewData(db, req.ctx, req.params.view, filters, lang ?? messageLanguage(req), new Date())
    },
  )
  app.get(
    '/api/v1/north-star',
    {
      schema: {
        tags,
        summary: "The workspace's north-star metrics and their targets",
        response: { 200: NorthStar, 401: Problem },
      },
    },
    async (req) => getNorthStar(db, req.ctx),
  )
  app.put(
    '/api/v1/north-star',
    {
      schema: {
        tags,
        summary:
          'Replace the north-star metrics (administrators): each metric at most once, at most six; targets of percentages are 0–100',
        body: NorthStar,
        response: { 200: NorthStar, ...errors },
      },
    },
    async (req) => db.transaction((tx) => setNorthStar(tx, req.ctx, req.body)),
  )
  app.get(
    '/api/v1/north-star/progress',
    {
      schema: {
        tags,
        summary:
          'Progress against each north-star metric: value ÷ target (target ÷ value when lower is better); met, on track (≥ 90%), behind or no data',
        querystring: DashboardFiltersQuery,
        response: { 200: NorthStarProgress, ...errors },
      },
    },
    async (req) => northStarProgress(db, req.ctx, req.query, messageLanguage(req)),
  )
  app.get(
    '/api/v1/reports/effort-costs',
    {
      schema: {
        tags,
        summary:
          'What effort costs, for the ROI of effort: the hourly rate per role and the spend per campaign',
        response: { 200: EffortCosts, 401: Problem },
      },
    },
    async (req) => getEffortCosts(db, req.ctx),
  )
  app.put(
    '/api/v1/reports/effort-costs',
    {
      schema: {
        tags,
        summary:
          'Replace the effort costs (administrators): hourly rates by role key, spend by campaign name',
        body: EffortCosts,
        response: { 200: EffortCosts, ...errors },
      },
    },
    async (req) => db.transaction((tx) => setEffortCosts(tx, req.ctx, req.body)),
  )
}
