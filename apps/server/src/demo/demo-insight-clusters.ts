import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { clusterNow } from '../modules/insights/clusters'
import type { Lang } from './demo-random'

/**
 * High-value traits' part of the demo (issue 23, points 1 and 8): the workspace is clustered here, last, so
 * Insight → High-value traits shows a finished run at first start. The demo's accounts need nothing added:
 * its large companies (many employees, branches and revenue) spend far more than the rest, and the run
 * finds them as the best cluster (mean ARR more than twice the average; seed.api.test.ts checks it), with
 * the accounts like them that are not yet strategic. Returns how many clusters it found.
 */
export async function seedClusterDemo(tx: Executor, ctx: Ctx, _lang: Lang, now = new Date()) {
  return (await clusterNow(tx, ctx.events, ctx.ws, now)).k
}
