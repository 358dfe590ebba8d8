import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts } from '../commerce'
import type { ContractSpan } from './retention'

/** A signed contract's statuses: what revenue retention counts (and so the cohorts' net revenue retention). */
export const SIGNED_STATUSES = ['approved', 'active', 'ended']

/**
 * A contract's annualised value in SQL over the contracts table as `alias` — amount × 365 ÷ its length in
 * days, as `annualised` (retention.ts) computes it — for reports that sum it in the database (cohorts).
 */
export const annualisedSql = (alias: string) =>
  sql.raw(`${alias}.amount * 365 / (${alias}.end_date - ${alias}.start_date + 1)`)

/** Signed contracts (SIGNED_STATUSES, with both dates) that `visible` lets through, with their account's tier and owner. */
export async function signedContracts(tx: Executor, ws: string, visible: SQL | undefined) {
  const rows = await tx
    .select({
      accountId: contracts.accountId,
      tier: accounts.tier,
      ownerId: accounts.ownerId,
      startDate: sql<string>`${contracts.startDate}::text`,
      endDate: sql<string>`${contracts.endDate}::text`,
      amount: contracts.amount,
    })
    .from(contracts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contracts.workspaceId), eq(accounts.id, contracts.accountId)),
    )
    .where(
      and(
        eq(contracts.workspaceId, ws),
        isNull(contracts.deletedAt),
        isNull(accounts.deletedAt),
        inArray(contracts.status, SIGNED_STATUSES),
        sql`${contracts.startDate} is not null and ${contracts.endDate} is not null`,
        visible,
      ),
    )
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }))
}

export type SignedContract = Awaited<ReturnType<typeof signedContracts>>[number]
export const toSpan = (r: SignedContract, group: string | null): ContractSpan => ({
  accountId: r.accountId,
  group,
  startDate: r.startDate,
  endDate: r.endDate,
  amount: r.amount,
})
