import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts } from '../commerce'
import { contractRenewals } from './renewal.table'

/** Contract statuses whose renewal is worked: signed and running. */
export const RENEWABLE = ['active', 'approved']

/** Renewable contracts ending in [from, to] with no renewal work started yet. */
export const contractsToStart = (db: Executor, from: string, to: string, ws?: string, limit = 500) =>
  db
    .select({ id: contracts.id, workspaceId: contracts.workspaceId })
    .from(contracts)
    .where(
      and(
        ws ? eq(contracts.workspaceId, ws) : undefined,
        inArray(contracts.status, RENEWABLE),
        isNull(contracts.deletedAt),
        gte(contracts.endDate, from),
        lte(contracts.endDate, to),
        sql`not exists (select 1 from ${contractRenewals} r where r.workspace_id = ${contracts.workspaceId}
              and r.contract_id = ${contracts.id})`,
      ),
    )
    .orderBy(asc(contracts.endDate))
    .limit(limit)

/** Claims a contract for renewal work; false when it was claimed before (by this or another worker). */
export const claimContract = async (tx: Executor, ws: string, contractId: string, endDate: string) =>
  (
    await tx
      .insert(contractRenewals)
      .values({ workspaceId: ws, contractId, endDate })
      .onConflictDoNothing()
      .returning({ id: contractRenewals.contractId })
  ).length > 0

export const setRenewalRefs = (
  tx: Executor,
  ws: string,
  contractId: string,
  refs: { taskId: string | null; opportunityId: string | null },
) =>
  tx
    .update(contractRenewals)
    .set(refs)
    .where(and(eq(contractRenewals.workspaceId, ws), eq(contractRenewals.contractId, contractId)))

export type RenewalRow = {
  contractId: string
  number: string
  status: string
  accountId: string
  accountName: string
  endDate: string
  amount: string
  currency: string
  autoRenew: boolean
  healthBand: string | null
  healthScore: string | null
  ownerId: string | null
  csmId: string | null
  renewalOpportunityId: string | null
  renewalTaskId: string | null
}

/** Renewable contracts ending in [from, to] (optionally of one account) that `visible` lets through. */
export const renewalRows = (
  tx: Executor,
  ws: string,
  from: string | null,
  to: string | null,
  visible: SQL | undefined,
  accountId?: string,
): Promise<RenewalRow[]> =>
  tx
    .select({
      contractId: contracts.id,
      number: contracts.number,
      status: contracts.status,
      accountId: contracts.accountId,
      accountName: accounts.name,
      endDate: sql<string>`${contracts.endDate}`,
      amount: contracts.amount,
      currency: contracts.currency,
      autoRenew: contracts.autoRenew,
      healthBand: accounts.healthBand,
      healthScore: accounts.healthScore,
      ownerId: accounts.ownerId,
      csmId: accounts.csmId,
      renewalOpportunityId: contractRenewals.opportunityId,
      renewalTaskId: contractRenewals.taskId,
    })
    .from(contracts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contracts.workspaceId), eq(accounts.id, contracts.accountId)),
    )
    .leftJoin(
      contractRenewals,
      and(
        eq(contractRenewals.workspaceId, contracts.workspaceId),
        eq(contractRenewals.contractId, contracts.id),
      ),
    )
    .where(
      and(
        eq(contracts.workspaceId, ws),
        isNull(contracts.deletedAt),
        isNull(accounts.deletedAt),
        inArray(contracts.status, RENEWABLE),
        sql`${contracts.endDate} is not null`,
        from ? gte(contracts.endDate, from) : undefined,
        to ? lte(contracts.endDate, to) : undefined,
        accountId ? eq(contracts.accountId, accountId) : undefined,
        visible,
      ),
    )
    .orderBy(asc(contracts.endDate), asc(contracts.number))
