import type { Handoff } from '@openkam/contract'
import { reaches, scopeFor } from '../../core/access/permissions'
import { systemCtx, type Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { accountCollection } from '../accounts'
import { notify, workspaceLocale } from '../notifications'
import { dueAfter, freshChecklist, undoneItems } from './handoff-checklist'
import { loadHandoffSettings } from './handoff-settings.service'
import { handoffTexts } from './handoff-texts'
import { findByOpportunity, lockHandoff } from './handoff.repository'
import { handoffCollection } from './handoff.collection'

type Row = Record<string, any>
export type HandoffDeps = { events: EventSink; jobs: JobQueue }

const DAY = 86_400_000

/** Whether the person may act for `userId` on handoffs: themselves, or someone their update scope reaches. */
const actsFor = (ctx: Ctx, userId: string | null) =>
  reaches(ctx.principal, scopeFor(ctx.principal, 'handoffs', 'update'), [userId])

async function accountName(tx: Executor, ws: string, events: EventSink, accountId: string) {
  try {
    return ((await accountCollection.get(tx, systemCtx(ws, events), accountId)) as Row).name as string
  } catch {
    return ''
  }
}

const langOf = async (tx: Executor, ws: string) =>
  (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)

/**
 * Opens the handoff of a won deal, once per opportunity: due exactly `dueHours` (72) after `wonAt`, with
 * the workspace's checklist, the deal's owner as sales owner and the account's CSM. Returns null when the
 * deal already has one (a redelivered event, a deal re-saved or won again) or its account is gone.
 */
export async function openHandoffForWonDeal(tx: Executor, ctx: Ctx, deal: Row): Promise<Row | null> {
  if (deal.status !== 'won' || !deal.id || !deal.accountId) return null
  if (await findByOpportunity(tx, ctx.ws, deal.id)) return null
  let account: Row
  try {
    account = (await accountCollection.get(tx, ctx, deal.accountId)) as Row
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not_found') return null
    throw e
  }
  const s = await loadHandoffSettings(tx, ctx.ws)
  const wonAt = deal.wonAt ? new Date(deal.wonAt) : new Date()
  return (await handoffCollection.create(tx, ctx, {
    accountId: deal.accountId,
    opportunityId: deal.id,
    salesOwnerId: deal.ownerId ?? null,
    csmId: account.csmId ?? null,
    ownerId: deal.ownerId ?? null,
    dueAt: dueAfter(wonAt, s.dueHours).toISOString(),
    checklist: freshChecklist(s.checklist),
  })) as Row
}

async function lockVisible(tx: Executor, ctx: Ctx, id: string) {
  await handoffCollection.get(tx, ctx, id) // 404 unless the person can see it
  const row = await lockHandoff(tx, ctx.ws, id)
  if (!row) throw new AppError('not_found', 'not_found', 'Handoff was not found')
  return row
}

/**
 * The sales owner (or their manager) submits the handoff: every checklist item must be done (422
 * `handoff_incomplete` lists the others). The CSM then has `validationDays` (30) to validate it, and
 * the handoff passes to them (ownerId becomes the CSM).
 */
export async function submitHandoff(tx: Executor, ctx: Ctx, deps: HandoffDeps, id: string): Promise<Handoff> {
  const row = await lockVisible(tx, ctx, id)
  if (row.status !== 'open')
    throw new AppError('conflict', 'handoff_not_open', `This handoff was already ${row.status}`)
  if (!actsFor(ctx, row.salesOwnerId ?? row.ownerId))
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only the sales owner (or their manager) submits the handoff',
    )
  const undone = undoneItems(row.checklist)
  if (undone.length)
    throw new AppError(
      'unprocessable',
      'handoff_incomplete',
      `Complete every checklist item before submitting; still open: ${undone.map((i) => i.label).join('; ')}`,
      {
        missing: undone.map((i) => i.key),
        errors: undone.map((i) => ({
          path: `checklist.${row.checklist.indexOf(i)}.done`,
          message: `"${i.label}" is not done`,
        })),
      },
    )
  const s = await loadHandoffSettings(tx, ctx.ws)
  const now = new Date()
  const rec = (await handoffCollection.update(tx, ctx, id, {
    version: row.version,
    status: 'submitted',
    submittedAt: now.toISOString(),
    validationDueAt: new Date(now.getTime() + s.validationDays * DAY).toISOString(),
    ...(row.csmId ? { ownerId: row.csmId } : {}),
  })) as Row
  await ctx.events.emit(tx, ctx, [
    { type: 'handoff.submitted', entityType: 'handoff', entityId: id, payload: { record: rec } },
  ])
  if (row.csmId) {
    const text = handoffTexts.submitted(
      await langOf(tx, ctx.ws),
      await accountName(tx, ctx.ws, ctx.events, row.accountId),
      rec.validationDueAt,
    )
    await notify(tx, ctx.ws, deps.jobs, {
      userIds: [row.csmId],
      channels: ['in_app'],
      ...text,
      link: `/handoffs/${id}`,
      relatedType: 'handoff',
      relatedId: id,
    })
  }
  return rec as Handoff
}

/** The CSM (or their manager) confirms the needs are met; late validations are accepted and show as late. */
export async function validateHandoff(
  tx: Executor,
  ctx: Ctx,
  deps: HandoffDeps,
  id: string,
  input: { comment?: string },
): Promise<Handoff> {
  const row = await lockVisible(tx, ctx, id)
  if (row.status === 'open')
    throw new AppError(
      'conflict',
      'handoff_not_submitted',
      'The sales owner has not submitted this handoff yet; it can be validated once submitted',
    )
  if (row.status === 'validated')
    throw new AppError('conflict', 'handoff_validated', 'This handoff was already validated')
  if (!actsFor(ctx, row.csmId))
    throw new AppError(
      'forbidden',
      'forbidden',
      row.csmId
        ? "Only the account's CSM (or their manager) validates the handoff"
        : 'This handoff has no CSM yet: set one (csmId) first, or ask an administrator',
    )
  const rec = (await handoffCollection.update(tx, ctx, id, {
    version: row.version,
    status: 'validated',
    validatedAt: new Date().toISOString(),
    validationComment: input.comment?.trim() || null,
  })) as Row
  await ctx.events.emit(tx, ctx, [
    { type: 'handoff.validated', entityType: 'handoff', entityId: id, payload: { record: rec } },
  ])
  if (row.salesOwnerId) {
    const text = handoffTexts.validated(
      await langOf(tx, ctx.ws),
      await accountName(tx, ctx.ws, ctx.events, row.accountId),
    )
    await notify(tx, ctx.ws, deps.jobs, {
      userIds: [row.salesOwnerId],
      channels: ['in_app'],
      ...text,
      link: `/handoffs/${id}`,
      relatedType: 'handoff',
      relatedId: id,
    })
  }
  return rec as Handoff
}
