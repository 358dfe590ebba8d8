import type { DashboardFilters, MetricPeriod, MetricValue, ReportMetricKey, dashboardViews } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'

export type Lang = 'en' | 'zh-CN'

/** One metric's value for the current period (and the previous one) over what the caller may see. */
export async function computeMetric(
  _tx: Executor,
  _ctx: Ctx,
  key: ReportMetricKey,
  _period: MetricPeriod,
  _filters: DashboardFilters = {},
  _lang: Lang = 'en',
): Promise<MetricValue> {
  // Being written (issue 17): replaced by the metrics catalogue.
  throw new AppError('unprocessable', 'metric_unavailable', `The metric ${key} is not computed yet`)
}

/** A fixed dashboard view's data (health movers, at-risk accounts, ROI of effort, cycle times, north star). */
export async function computeView(
  _tx: Executor,
  _ctx: Ctx,
  view: (typeof dashboardViews)[number],
  _filters: DashboardFilters = {},
  _lang: Lang = 'en',
): Promise<unknown> {
  throw new AppError('unprocessable', 'view_unavailable', `The view ${view} is not computed yet`)
}
