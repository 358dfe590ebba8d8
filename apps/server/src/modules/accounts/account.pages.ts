import { and, asc, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from './account.table'

/** One page of live account ids of a workspace, in id order after `after` (nightly runs walk a workspace this way). */
export const accountIdsPage = async (tx: Executor, ws: string, after: string | null, limit: number) =>
  (
    await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, ws),
          isNull(accounts.deletedAt),
          after ? gt(accounts.id, after) : undefined,
        ),
      )
      .orderBy(asc(accounts.id))
      .limit(limit)
  ).map((r) => r.id)

/** Workspaces that have live accounts (for a nightly run over every workspace). */
export const workspacesWithAccounts = async (tx: Executor): Promise<string[]> =>
  (
    await tx.selectDistinct({ ws: accounts.workspaceId }).from(accounts).where(isNull(accounts.deletedAt))
  ).map((r) => r.ws)
