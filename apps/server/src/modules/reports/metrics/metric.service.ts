import type { DashboardFilters, dashboardViews } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import type { Lang } from './metric-catalogue'
import { computeViewData } from './view.service'

export { computeMetric } from './metric-value.service'
export type { Lang }

/**
 * A fixed dashboard view's data (health movers, at-risk accounts, ROI of effort, cycle times, north
 * star) over what the caller may see; the payloads are the contract's DashboardViewData. `today` fixes
 * the clock (tests).
 */
export async function computeView(
  tx: Executor,
  ctx: Ctx,
  view: (typeof dashboardViews)[number],
  filters: DashboardFilters = {},
  lang: Lang = 'en',
  today = new Date(),
): Promise<unknown> {
  return computeViewData(tx, ctx, view, filters, lang, today)
}
