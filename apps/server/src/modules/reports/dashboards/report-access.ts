import type { SavedReport } from '@openkam/contract'
import { scopeFor } from '../../../core/access/permissions'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
// eslint-disable-next-line no-restricted-imports -- the engine is a folder of this module (reports)
import { savedReportCollection } from '../engine/saved-report.collection'
import { forgetReport } from './dashboard-cache'

// A write to a saved report drops the cached data of the dashboards showing it (after the report's own hook).
const ownHook = savedReportCollection.def.onChange
savedReportCollection.def.onChange = (ctx, id) => {
  ownHook?.(ctx, id)
  forgetReport(ctx.ws, id)
}

/** The saved reports among `ids` the person may read (within their scope or shared with them), by id. */
export async function readableReports(
  tx: Executor,
  ctx: Ctx,
  ids: string[],
): Promise<Map<string, SavedReport>> {
  const out = new Map<string, SavedReport>()
  if (!ids.length || scopeFor(ctx.principal, 'reports', 'read') === 'none') return out
  const page = await savedReportCollection.list(tx, ctx, { limit: ids.length, id: ids.join(',') })
  for (const r of page.data) out.set(r.id, r)
  return out
}

export async function readableReportIds(tx: Executor, ctx: Ctx, ids: string[]): Promise<Set<string>> {
  return new Set((await readableReports(tx, ctx, ids)).keys())
}
