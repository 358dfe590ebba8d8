import type { NorthStar } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { defaultEffortCosts } from './effort-cost.service'
import { findEffortCosts, findNorthStar, replaceNorthStar, saveEffortCosts } from './north-star.repository'

/** The default north star: existing customers first — NPS ≥ 40 and renewal rate ≥ 85% per quarter. */
export const defaultNorthStar = (): NorthStar['metrics'] => [
  { key: 'nps', target: 40, period: 'quarter' },
  { key: 'renewal_rate', target: 85, period: 'quarter' },
]

/**
 * The template part `north_star`: the default north-star metrics and effort costs. The effort-costs row
 * marks the part as installed (it is never deleted, only replaced), so a workspace whose administrator
 * cleared the north star keeps it cleared when the template is installed again on upgrade.
 */
export async function installNorthStarTemplate(tx: Executor, ctx: Ctx): Promise<void> {
  if (await findEffortCosts(tx, ctx.ws, true)) return
  await saveEffortCosts(tx, ctx.ws, defaultEffortCosts(), null)
  if ((await findNorthStar(tx, ctx.ws)).length) return
  await replaceNorthStar(tx, ctx.ws, defaultNorthStar(), null)
}
