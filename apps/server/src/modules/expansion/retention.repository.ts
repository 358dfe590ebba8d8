import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts } from '../commerce'
import type { ContractSpan } from './retention'

/** Signed contracts (approved, active or ended, with both dates) that `visible` lets through, with their account's tier and owner. */
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
        inArray(contracts.status, ['approved', 'active', 'ended']),
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
