import {
  Forecast,
  ForecastQuery,
  Funnel,
  Problem,
  ReportPeriodQuery,
  StageDurations,
  WinLoss,
} from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { forecastReport, funnelReport, stageDurationsReport, winLossReport } from './reports.service'

const errors = { 400: Problem, 403: Problem }
const tags = ['reports']

/** The sales reports (SPEC R-11): read-only, over the opportunities the caller may read. */
export function registerReportRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/reports/forecast',
    {
      schema: {
        tags,
        summary:
          'Weighted forecast of open opportunities by expected close month, owner or team, beside the amounts won, per currency',
        querystring: ForecastQuery,
        response: { 200: Forecast, ...errors },
      },
    },
    async (req) => forecastReport(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/reports/funnel',
    {
      schema: {
        tags,
        summary: 'Conversion funnel by SOP stage of the opportunities that started in the period',
        querystring: ReportPeriodQuery,
        response: { 200: Funnel, ...errors },
      },
    },
    async (req) => funnelReport(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/reports/stage-durations',
    {
      schema: {
        tags,
        summary:
          'Average and median days per stage for the stays that ended in the period, and the slowest stage',
        querystring: ReportPeriodQuery,
        response: { 200: StageDurations, ...errors },
      },
    },
    async (req) => stageDurationsReport(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/reports/win-loss',
    {
      schema: {
        tags,
        summary: 'Opportunities won and lost in the period by reason, with counts and amounts per currency',
        querystring: ReportPeriodQuery,
        response: { 200: WinLoss, ...errors },
      },
    },
    async (req) => winLossReport(db, req.ctx, req.query),
  )
}
