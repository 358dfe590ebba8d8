import type { AccountIcpFit } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection } from '../accounts'
import { bestFit, icpFit, type FitAccount } from './icp-fit'
import { accountRows, activeIcps, fitsOf, storeFits, type NewFit } from './qualification.repository'

/**
 * Recomputes the ICP fits of some accounts against every active ICP, in the caller's transaction and
 * set-based (one read of the accounts and ICPs, one bulk write). The account keeps its best fit.
 * Derived values: no version bump and no event (the fit follows the account and the ICPs).
 */
export async function recomputeFits(tx: Executor, ws: string, accountIds: string[], now = new Date()) {
  const rows = await accountRows(tx, ws, [...new Set(accountIds)])
  if (!rows.length) return 0
  const list = await activeIcps(tx, ws)
  const fits: NewFit[] = []
  const best: { id: string; fit: number | null; icpId: string | null }[] = []
  for (const row of rows) {
    const rec = accountCollection.def.toRecord(row) as unknown as FitAccount
    const mine = list.map((icp) => {
      const r = icpFit(icp.dimensions, rec)
      return { accountId: row.id, icpId: icp.id, icpVersion: icp.version, ...r, details: r.dimensions }
    })
    fits.push(...mine.map(({ dimensions: _d, ...f }) => f))
    const b = bestFit(mine)
    best.push({ id: row.id, fit: b?.fit ?? null, icpId: b?.icpId ?? null })
  }
  await storeFits(
    tx,
    ws,
    rows.map((r) => r.id),
    fits,
    best,
    now,
  )
  return rows.length
}

/** The fits of an account the person may read, best first, with the matched, missed and unknown dimensions. */
export async function accountFits(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
): Promise<{ data: AccountIcpFit[] }> {
  await accountCollection.get(tx, ctx, accountId)
  const rows = await fitsOf(tx, ctx.ws, accountId)
  return {
    data: rows.map((r) => ({
      icpId: r.icpId,
      icpName: r.icpName,
      fit: Number(r.fit),
      incomplete: r.incomplete,
      dimensions: r.details,
      computedAt: r.computedAt.toISOString(),
    })),
  }
}
