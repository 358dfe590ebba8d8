import { systemCtx, type Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { recomputeFits } from './fit.service'
import { accountIdPage, workspacesWithAccounts } from './qualification.repository'
import { recomputeSegments } from './segment.service'

const PAGE = 1000

/** ICP fits and segments of some accounts, in the caller's transaction. */
export async function requalify(
  tx: Executor,
  ctx: Ctx,
  accountIds: string[],
  opts: { fits?: boolean; segments?: boolean; silent?: boolean } = {},
) {
  const fits = opts.fits === false ? 0 : await recomputeFits(tx, ctx.ws, accountIds)
  const segments =
    opts.segments === false ? 0 : await recomputeSegments(tx, ctx, accountIds, { silent: opts.silent })
  return { fits, segments }
}

/**
 * Every account of a workspace (or of every workspace), a page of PAGE accounts per transaction: ICP fits
 * against the active ICPs and segments. What `qualification_recompute` runs nightly, after an ICP or the
 * size thresholds changed, and on demand.
 */
export async function requalifyAll(db: Db, events: EventSink, ws?: string) {
  const total = { accounts: 0, fits: 0, segmentChanges: 0 }
  for (const w of ws ? [ws] : await workspacesWithAccounts(db)) {
    const ctx = systemCtx(w, events)
    let after: string | null = null
    for (;;) {
      const ids: string[] = await accountIdPage(db, w, after, PAGE)
      if (!ids.length) break
      await db.transaction(async (tx) => {
        const r = await requalify(tx, ctx, ids)
        total.accounts += ids.length
        total.fits += r.fits
        total.segmentChanges += r.segments
      })
      after = ids.at(-1)!
    }
  }
  return total
}
