import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import { accounts } from '../accounts'
import { userTables } from '../users'
import { potentialScores, scoringModels, type PotentialContribution } from './qualification.table'

export type ScoringModelRow = typeof scoringModels.$inferSelect

/** A live model by id, or the workspace's default when no id is given. */
export const findScoringModel = async (
  tx: Executor,
  ws: string,
  id?: string,
): Promise<ScoringModelRow | undefined> =>
  (
    await tx
      .select()
      .from(scoringModels)
      .where(
        and(
          eq(scoringModels.workspaceId, ws),
          isNull(scoringModels.deletedAt),
          id ? eq(scoringModels.id, id) : eq(scoringModels.isDefault, true),
        ),
      )
      .limit(1)
  )[0]

/** The account row, locked for the scoring write. */
export const lockAccount = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ws), eq(accounts.id, id), isNull(accounts.deletedAt)))
      .for('update')
  )[0]

export async function insertScore(
  tx: Executor,
  ws: string,
  s: {
    accountId: string
    modelId: string
    modelVersion: number
    scores: Record<string, number>
    contributions: PotentialContribution[]
    total: number
    potentialClass: string
    note: string | null
    scoredBy: string | null
    scoredAt: Date
  },
) {
  const id = newId()
  await tx.insert(potentialScores).values({ id, workspaceId: ws, ...s, total: s.total.toFixed(2) })
  await tx
    .update(accounts)
    .set({ potentialTotal: s.total.toFixed(2), potentialClass: s.potentialClass })
    .where(and(eq(accounts.workspaceId, ws), eq(accounts.id, s.accountId)))
  return id
}

/** Every score of an account, newest first, with the scorer's and the model's names. */
export const scoresOf = (tx: Executor, ws: string, accountId: string) =>
  tx
    .select({
      s: potentialScores,
      scoredByName: userTables.users.name,
      modelName: scoringModels.name,
    })
    .from(potentialScores)
    .leftJoin(
      userTables.users,
      and(
        eq(userTables.users.workspaceId, potentialScores.workspaceId),
        eq(userTables.users.id, potentialScores.scoredBy),
      ),
    )
    .leftJoin(
      scoringModels,
      and(
        eq(scoringModels.workspaceId, potentialScores.workspaceId),
        eq(scoringModels.id, potentialScores.modelId),
      ),
    )
    .where(and(eq(potentialScores.workspaceId, ws), eq(potentialScores.accountId, accountId)))
    .orderBy(desc(potentialScores.scoredAt), desc(potentialScores.id))

const openOpps = sql<number>`(select count(*)::int from opportunities o where o.workspace_id = ${accounts.workspaceId}
  and o.account_id = ${accounts.id} and o.deleted_at is null and o.status = 'open')`
const openTasks = sql<number>`(select count(*)::int from tasks t where t.workspace_id = ${accounts.workspaceId}
  and t.account_id = ${accounts.id} and t.deleted_at is null and t.status = 'open')`

/**
 * Accounts by potential (highest first) with owner and plan counts — a plan is an open opportunity or an
 * open task of the account. `visibility` limits the rows to what the person reads.
 */
export async function rankingRows(
  tx: Executor,
  ws: string,
  visibility: SQL | undefined,
  opts: { cls?: string; flagged?: boolean; limit: number },
) {
  const flagged = sql`(${accounts.potentialClass} = 'A' and (${accounts.ownerId} is null or (${openOpps} = 0 and ${openTasks} = 0)))`
  return tx
    .select({
      id: accounts.id,
      name: accounts.name,
      total: accounts.potentialTotal,
      cls: accounts.potentialClass,
      tier: accounts.tier,
      icpFit: accounts.icpFit,
      ownerId: accounts.ownerId,
      ownerName: userTables.users.name,
      openOpportunities: openOpps,
      openTasks,
    })
    .from(accounts)
    .leftJoin(
      userTables.users,
      and(eq(userTables.users.workspaceId, accounts.workspaceId), eq(userTables.users.id, accounts.ownerId)),
    )
    .where(
      and(
        eq(accounts.workspaceId, ws),
        isNull(accounts.deletedAt),
        sql`${accounts.potentialTotal} is not null`,
        visibility,
        opts.cls ? eq(accounts.potentialClass, opts.cls) : undefined,
        opts.flagged === undefined ? undefined : opts.flagged ? flagged : sql`not ${flagged}`,
      ),
    )
    .orderBy(desc(accounts.potentialTotal), accounts.name, accounts.id)
    .limit(opts.limit)
}

/** Counts per class, unscored, and A-class accounts without an owner or without a plan. */
export async function rankingCounts(tx: Executor, ws: string, visibility: SQL | undefined) {
  const [r] = await tx
    .select({
      A: sql<number>`count(*) filter (where ${accounts.potentialClass} = 'A')::int`,
      B: sql<number>`count(*) filter (where ${accounts.potentialClass} = 'B')::int`,
      C: sql<number>`count(*) filter (where ${accounts.potentialClass} = 'C')::int`,
      unscored: sql<number>`count(*) filter (where ${accounts.potentialTotal} is null)::int`,
      aWithoutOwner: sql<number>`count(*) filter (where ${accounts.potentialClass} = 'A' and ${accounts.ownerId} is null)::int`,
      aWithoutPlan: sql<number>`count(*) filter (where ${accounts.potentialClass} = 'A' and ${openOpps} = 0 and ${openTasks} = 0)::int`,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), visibility))
  return r!
}
