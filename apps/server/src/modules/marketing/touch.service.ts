import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { TouchBulk } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import { scopeFor } from '../../core/access/permissions'
import { AppError, type FieldError } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { marketingTouches } from './touch.table'

/**
 * Ingests up to 10,000 touches in one transaction. Touches with an `externalId` seen before are
 * skipped, so a client may resend a batch safely. Every touch is checked first; one bad touch refuses all.
 */
export async function ingestTouches(tx: Executor, ctx: Ctx, items: z.output<typeof TouchBulk>) {
  const scope = scopeFor(ctx.principal, 'marketing-touches', 'create')
  if (scope === 'none')
    throw new AppError('forbidden', 'forbidden', 'Your role may not create marketing touches')
  const accountIds = [...new Set(items.map((i) => i.accountId))]
  const visible = scopeFor(ctx.principal, 'accounts', 'read')
  const reach = visible === 'own' ? [ctx.principal.userId ?? ''] : ctx.principal.teamUserIds
  const found = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.ws),
        inArray(accounts.id, accountIds),
        isNull(accounts.deletedAt),
        visible === 'all' ? undefined : or(inArray(accounts.ownerId, reach), inArray(accounts.csmId, reach)),
      ),
    )
  const known = new Set(found.map((f) => f.id))
  const errors: FieldError[] = []
  items.forEach((item, i) => {
    if (!known.has(item.accountId))
      errors.push({ path: `${i}.accountId`, message: 'no such account in this workspace' })
  })
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', `${errors.length} touches name an unknown account`, {
      errors,
    })
  const now = new Date()
  const rows = items.map((i) => ({
    id: newId(),
    workspaceId: ctx.ws,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.principal.userId,
    ownerId: i.ownerId ?? ctx.principal.userId,
    custom: i.custom ?? {},
    accountId: i.accountId,
    contactId: i.contactId ?? null,
    leadId: i.leadId ?? null,
    kind: i.kind,
    campaign: i.campaign ?? null,
    title: i.title,
    url: i.url ?? null,
    occurredAt: i.occurredAt ? new Date(i.occurredAt) : now,
    externalId: i.externalId ?? null,
  }))
  const inserted: { id: string; accountId: string }[] = []
  for (let i = 0; i < rows.length; i += 1000) {
    inserted.push(
      ...(await tx
        .insert(marketingTouches)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing({
          target: [marketingTouches.workspaceId, marketingTouches.externalId],
          where: sql`${marketingTouches.externalId} is not null`,
        })
        .returning({ id: marketingTouches.id, accountId: marketingTouches.accountId })),
    )
  }
  const byId = new Map(rows.map((r) => [r.id, r]))
  await recordAudit(
    tx,
    ctx,
    inserted.map((r) => ({
      action: 'create',
      entityType: 'marketing_touch',
      entityId: r.id,
      after: byId.get(r.id),
    })),
  )
  if (inserted.length) {
    await ctx.events.emit(tx, ctx, [
      {
        type: 'marketing_touch.ingested',
        entityType: 'marketing_touch',
        payload: { count: inserted.length, accountIds: [...new Set(inserted.map((r) => r.accountId))] },
      },
    ])
  }
  return { received: items.length, created: inserted.length, skipped: items.length - inserted.length }
}
