import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import { opportunities, opportunityStageChanges } from './opportunity.table'

export type StageChange = {
  opportunityId: string
  fromStage: string | null
  toStage: string
  direction: 'initial' | 'forward' | 'backward'
  waivers?: { deliverable: string; reason: string }[]
  changedAt?: Date
}

/** Appends one row to an opportunity's stage history, in the caller's transaction. */
export async function insertStageChange(tx: Executor, ctx: Ctx, c: StageChange) {
  await tx.insert(opportunityStageChanges).values({
    id: newId(),
    workspaceId: ctx.ws,
    opportunityId: c.opportunityId,
    fromStage: c.fromStage,
    toStage: c.toStage,
    direction: c.direction,
    changedAt: c.changedAt ?? new Date(),
    changedBy: ctx.principal.userId,
    waivers: c.waivers ?? [],
  })
}

/** An opportunity's stage history, oldest first. */
export const stageChangesOf = (tx: Executor, ws: string, opportunityId: string) =>
  tx
    .select()
    .from(opportunityStageChanges)
    .where(
      and(
        eq(opportunityStageChanges.workspaceId, ws),
        eq(opportunityStageChanges.opportunityId, opportunityId),
      ),
    )
    .orderBy(asc(opportunityStageChanges.changedAt), asc(opportunityStageChanges.id))

/** Whether any live, open opportunity follows the pipeline. */
export async function pipelineInUse(tx: Executor, ws: string, pipelineId: string) {
  const rows = await tx
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.workspaceId, ws),
        eq(opportunities.pipelineId, pipelineId),
        eq(opportunities.status, 'open'),
        isNull(opportunities.deletedAt),
      ),
    )
    .limit(1)
  return rows.length > 0
}
