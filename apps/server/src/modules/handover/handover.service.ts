import { and, eq, isNull, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import { AppError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { opportunities } from '../opportunities'
import { tasks } from '../tasks'
import { missingUsers } from '../users'

type Moved = { id: string; field: string }

/** Re-points one column from one person to another on the matching rows; returns what moved. */
async function move(
  tx: Executor,
  ctx: Ctx,
  table: PgTable & Record<string, any>,
  column: string,
  from: string,
  to: string,
  extra?: ReturnType<typeof and>,
): Promise<Moved[]> {
  const col = table[column]
  const rows = await tx
    .update(table)
    .set({ [column]: to, updatedAt: new Date(), version: sql`${table.version} + 1` } as any)
    .where(and(eq(table.workspaceId, ctx.ws), eq(col, from), isNull(table.deletedAt), extra))
    .returning({ id: table.id })
  return rows.map((r: { id: string }) => ({ id: r.id, field: column }))
}

/**
 * Moves all of a leaving person's accounts (as owner and as CSM), open opportunities and open tasks
 * to another person in one transaction. Every moved record gets an audit entry and an `*.updated`
 * event; activities, tickets and other history stay with their accounts, untouched.
 */
export async function handover(tx: Executor, ctx: Ctx, fromUserId: string, toUserId: string) {
  if (!isUuid(fromUserId) || (await missingUsers(tx, ctx.ws, [fromUserId])).length) {
    throw new AppError('not_found', 'not_found', 'User was not found')
  }
  const p = ctx.principal
  const admin = scopeFor(p, 'users', 'update') === 'all'
  const teamLead =
    scopeFor(p, 'accounts', 'update') === 'team' &&
    p.teamUserIds.includes(fromUserId) &&
    p.teamUserIds.includes(toUserId)
  if (!admin && !teamLead && scopeFor(p, 'accounts', 'update') !== 'all') {
    throw new AppError(
      'forbidden',
      'forbidden',
      "Only an administrator, or the manager of both people, may hand over someone's accounts",
    )
  }
  if (fromUserId === toUserId) {
    throw new AppError('invalid', 'invalid_input', 'Choose another person to hand over to', {
      errors: [{ path: 'toUserId', message: 'is the same person' }],
    })
  }
  if ((await missingUsers(tx, ctx.ws, [toUserId])).length) {
    throw new AppError(
      'invalid',
      'invalid_input',
      'The person to hand over to is not a user of this workspace',
      {
        errors: [{ path: 'toUserId', message: 'no such user in this workspace' }],
      },
    )
  }
  const moved = {
    accounts: await move(tx, ctx, accounts, 'ownerId', fromUserId, toUserId),
    accountsAsCsm: await move(tx, ctx, accounts, 'csmId', fromUserId, toUserId),
    opportunities: await move(
      tx,
      ctx,
      opportunities,
      'ownerId',
      fromUserId,
      toUserId,
      eq(opportunities.status, 'open'),
    ),
    tasks: [
      ...(await move(tx, ctx, tasks, 'assigneeId', fromUserId, toUserId, eq(tasks.status, 'open'))),
      ...(await move(tx, ctx, tasks, 'ownerId', fromUserId, toUserId, eq(tasks.status, 'open'))),
    ],
  }
  const entries = [
    ...moved.accounts.map((m) => ({ entityType: 'account', ...m })),
    ...moved.accountsAsCsm.map((m) => ({ entityType: 'account', ...m })),
    ...moved.opportunities.map((m) => ({ entityType: 'opportunity', ...m })),
    ...moved.tasks.map((m) => ({ entityType: 'task', ...m })),
  ]
  await recordAudit(tx, ctx, [
    ...entries.map((e) => ({
      action: 'handover',
      entityType: e.entityType,
      entityId: e.id,
      before: { [e.field]: fromUserId },
      after: { [e.field]: toUserId },
    })),
    {
      action: 'handover',
      entityType: 'user',
      entityId: fromUserId,
      after: { toUserId, count: entries.length },
    },
  ])
  const summary = {
    fromUserId,
    toUserId,
    accounts: new Set([...moved.accounts, ...moved.accountsAsCsm].map((m) => m.id)).size,
    opportunities: moved.opportunities.length,
    tasks: new Set(moved.tasks.map((m) => m.id)).size,
  }
  await ctx.events.emit(tx, ctx, [
    ...entries.map((e) => ({
      type: `${e.entityType}.updated`,
      entityType: e.entityType,
      entityId: e.id,
      payload: {
        changed: [e.field],
        before: { [e.field]: fromUserId },
        after: { [e.field]: toUserId },
        reason: 'handover',
      },
    })),
    { type: 'user.handed_over', entityType: 'user', entityId: fromUserId, payload: summary },
  ])
  return summary
}
