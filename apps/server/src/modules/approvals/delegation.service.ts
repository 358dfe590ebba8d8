import { and, eq, gt, inArray, lte } from 'drizzle-orm'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { peopleByIds } from '../users'
import { approvalDelegations } from './approval.table'

const me = (ctx: Ctx) => {
  if (!ctx.principal.userId) throw new AppError('forbidden', 'forbidden', 'Delegation belongs to a person')
  return ctx.principal.userId
}

/** The person's delegation (who decides their approvals while they are away), or null. */
export async function getDelegation(tx: Executor, ctx: Ctx, now = new Date()) {
  const [row] = await tx
    .select()
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.workspaceId, ctx.ws), eq(approvalDelegations.userId, me(ctx))))
  if (!row) return null
  const [to] = await peopleByIds(tx, ctx.ws, [row.toUserId])
  return {
    toUserId: row.toUserId,
    toName: to?.name ?? null,
    from: row.startsAt.toISOString(),
    until: row.endsAt.toISOString(),
    active: row.startsAt <= now && row.endsAt > now,
  }
}

/** Sets (or replaces) the person's delegation to an active colleague, audited. */
export async function setDelegation(
  tx: Executor,
  ctx: Ctx,
  input: { toUserId: string; from: string; until: string },
) {
  const userId = me(ctx)
  if (input.toUserId === userId)
    throw new AppError('invalid', 'invalid_input', 'Choose someone else to decide for you', {
      errors: [{ path: 'toUserId', message: 'cannot be yourself' }],
    })
  if (!(await peopleByIds(tx, ctx.ws, [input.toUserId])).length)
    throw new AppError('invalid', 'invalid_input', 'No such active person in this workspace', {
      errors: [{ path: 'toUserId', message: 'no such active person in this workspace' }],
    })
  const values = {
    workspaceId: ctx.ws,
    userId,
    toUserId: input.toUserId,
    startsAt: new Date(input.from),
    endsAt: new Date(input.until),
    updatedAt: new Date(),
  }
  await tx
    .insert(approvalDelegations)
    .values(values)
    .onConflictDoUpdate({
      target: [approvalDelegations.workspaceId, approvalDelegations.userId],
      set: {
        toUserId: values.toUserId,
        startsAt: values.startsAt,
        endsAt: values.endsAt,
        updatedAt: values.updatedAt,
      },
    })
  await recordAudit(tx, ctx, [
    { action: 'delegate', entityType: 'approval_delegation', entityId: userId, after: { ...input } },
  ])
  return getDelegation(tx, ctx)
}

export async function clearDelegation(tx: Executor, ctx: Ctx) {
  const userId = me(ctx)
  await tx
    .delete(approvalDelegations)
    .where(and(eq(approvalDelegations.workspaceId, ctx.ws), eq(approvalDelegations.userId, userId)))
  await recordAudit(tx, ctx, [{ action: 'delete', entityType: 'approval_delegation', entityId: userId }])
}

/**
 * Of these people, those away now: a delegation of their approvals is in force (from ≤ now < until).
 * Ticket routing passes them over.
 */
export async function awayUserIds(tx: Executor, ws: string, ids: string[], now = new Date()) {
  if (!ids.length) return new Set<string>()
  const rows = await tx
    .select({ userId: approvalDelegations.userId })
    .from(approvalDelegations)
    .where(
      and(
        eq(approvalDelegations.workspaceId, ws),
        inArray(approvalDelegations.userId, ids),
        lte(approvalDelegations.startsAt, now),
        gt(approvalDelegations.endsAt, now),
      ),
    )
  return new Set(rows.map((r) => r.userId))
}
