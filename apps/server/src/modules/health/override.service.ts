import { and, eq } from 'drizzle-orm'
import { scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import { accountCollection } from '../accounts'
import { bandOf } from './health-score'
import { modelFor, recomputeAccounts } from './health.service'
import { openOverride, publishedModels } from './health.repository'
import { healthOverrides } from './health.table'
import { accountHealth } from './health-read.service'

const YEAR = 366 * 86_400_000

/** The permission key of overrides: a role needs `health_overrides: {create}` (admin, sales manager, CSM). */
export const OVERRIDE_PERMISSION = 'health_overrides'

function mayOverride(ctx: Ctx) {
  if (scopeFor(ctx.principal, OVERRIDE_PERMISSION, 'create') === 'none')
    throw new AppError(
      'forbidden',
      'forbidden',
      'Your role may not override health scores (health_overrides)',
    )
}

/**
 * Sets a governed override (SPEC R-27): a score with a reason and an expiry within a year, audited, and
 * never silently replacing another — while one is active, a second is refused with 409.
 */
export async function setOverride(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  input: { score: number; reason: string; expiresAt: string },
) {
  mayOverride(ctx)
  const account = await accountCollection.get(tx, ctx, accountId)
  const expires = new Date(input.expiresAt)
  const now = new Date()
  if (!(expires.getTime() > now.getTime()) || expires.getTime() - now.getTime() > YEAR)
    throw new AppError(
      'invalid',
      'invalid_input',
      'The override must expire in the future and within a year',
      {
        errors: [{ path: 'expiresAt', message: 'must be in the future and at most one year ahead' }],
      },
    )
  const open = await openOverride(tx, ctx.ws, accountId)
  if (open && open.expiresAt > now)
    throw new AppError(
      'conflict',
      'health_override_active',
      `An override (score ${Number(open.score)}, until ${open.expiresAt.toISOString()}) is active; end it first`,
      { overrideId: open.id },
    )
  if (open) await endRow(tx, ctx, open.id, 'expired', now)
  const models = await publishedModels(tx, ctx.ws)
  const model = modelFor(models, { tier: account.tier ?? null, segment: account.segment ?? null })
  const band = bandOf(input.score, model?.bands ?? { healthy: 80, watch: 60 })
  const id = newId()
  await tx.insert(healthOverrides).values({
    id,
    workspaceId: ctx.ws,
    accountId,
    score: input.score.toFixed(2),
    band,
    reason: input.reason,
    expiresAt: expires,
    createdBy: ctx.principal.userId,
    createdAt: now,
  })
  await recordAudit(tx, ctx, [
    {
      action: 'health_overridden',
      entityType: 'account',
      entityId: accountId,
      before: null,
      after: {
        override: { id, score: input.score, band, reason: input.reason, expiresAt: expires.toISOString() },
      },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'account.health_overridden',
      entityType: 'account',
      entityId: accountId,
      payload: {
        accountId,
        overrideId: id,
        score: input.score,
        reason: input.reason,
        expiresAt: expires.toISOString(),
      },
    },
  ])
  await recomputeAccounts(tx, ctx, [accountId], { reason: 'override', now })
  return accountHealth(tx, ctx, accountId)
}

async function endRow(tx: Executor, ctx: Ctx, id: string, reason: string, now: Date) {
  await tx
    .update(healthOverrides)
    .set({ endedAt: now, endedBy: ctx.principal.userId, endReason: reason })
    .where(and(eq(healthOverrides.workspaceId, ctx.ws), eq(healthOverrides.id, id)))
}

/** Ends the active override with a reason (audited); the computed score applies again. */
export async function endOverride(tx: Executor, ctx: Ctx, accountId: string, input: { reason: string }) {
  mayOverride(ctx)
  await accountCollection.get(tx, ctx, accountId)
  const open = await openOverride(tx, ctx.ws, accountId)
  if (!open) throw notFound('An active health override of this account')
  const now = new Date()
  await endRow(tx, ctx, open.id, input.reason, now)
  await recordAudit(tx, ctx, [
    {
      action: 'health_override_ended',
      entityType: 'account',
      entityId: accountId,
      before: { override: { id: open.id, score: Number(open.score), reason: open.reason } },
      after: { endReason: input.reason },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'account.health_override_ended',
      entityType: 'account',
      entityId: accountId,
      payload: { accountId, overrideId: open.id, reason: input.reason, expired: false },
    },
  ])
  await recomputeAccounts(tx, ctx, [accountId], { reason: 'override', now })
  return accountHealth(tx, ctx, accountId)
}
