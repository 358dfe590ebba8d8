import { createHash, randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { MilestoneConfirmationLink, PublicMilestone, PublicMilestoneConfirmed } from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { contactCollection } from '../contacts'
import { absoluteAppLink, emailAddress, notify, workspaceLocale } from '../notifications'
import { peopleByIds } from '../users'
import { milestoneCollection } from './milestone.collection'
import { insertLink, linkByHash, revokeOpenLinks, useLink } from './milestone.repository'
import { milestoneTexts } from './milestone-texts'

type Row = Record<string, any>
export type MilestoneDeps = { events: EventSink; jobs: JobQueue }

/** A confirmation link works for this many days. */
export const LINK_DAYS = 14
const DAY = 86_400_000

/** Only the hash of a token is stored; a leaked table does not confirm anything. */
export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

const langOf = async (tx: Executor, ws: string) =>
  (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)

const invalidContact = (message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid contactId: ${message}`, {
    errors: [{ path: 'contactId', message }],
  })

/**
 * Sends a milestone to a contact of its account for confirmation: a new single-use link (32 random
 * bytes; earlier unused links of the milestone stop working) expiring in 14 days, e-mailed through the
 * notifications module when the workspace has SMTP and an app URL. Returns the link to share by hand too.
 */
export async function requestConfirmation(
  tx: Executor,
  ctx: Ctx,
  deps: MilestoneDeps,
  id: string,
  input: { contactId: string },
): Promise<z.infer<typeof MilestoneConfirmationLink>> {
  const m = (await milestoneCollection.get(tx, ctx, id)) as Row
  if (m.status === 'confirmed')
    throw new AppError(
      'conflict',
      'milestone_confirmed',
      'This milestone is already confirmed by the customer',
    )
  let contact: Row
  try {
    contact = (await contactCollection.get(tx, ctx, input.contactId)) as Row
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not_found')
      throw invalidContact('no such contact in this workspace')
    throw e
  }
  if (contact.accountId !== m.accountId) throw invalidContact("is not a contact of the milestone's account")
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  const expiresAt = new Date(now.getTime() + LINK_DAYS * DAY)
  await revokeOpenLinks(tx, ctx.ws, id, now)
  await insertLink(tx, {
    workspaceId: ctx.ws,
    milestoneId: id,
    contactId: contact.id,
    tokenHash: tokenHash(token),
    expiresAt,
    createdBy: ctx.principal.userId,
  })
  const milestone = await milestoneCollection.update(tx, ctx, id, {
    version: m.version,
    status: 'awaiting_confirmation',
    confirmationContactId: contact.id,
    confirmationRequestedAt: now.toISOString(),
    confirmationExpiresAt: expiresAt.toISOString(),
  })
  const path = `/confirm/${token}`
  const url = (await absoluteAppLink(tx, ctx.ws, path)) ?? path
  let email: { status: string; error: string | null }
  if (!contact.email) email = { status: 'skipped', error: `${contact.name} has no e-mail address` }
  else {
    const info = await linkByHash(tx, tokenHash(token))
    const requester = ctx.principal.userId
      ? ((await peopleByIds(tx, ctx.ws, [ctx.principal.userId]))[0]?.name ?? '')
      : ''
    const text = milestoneTexts.request(await langOf(tx, ctx.ws), {
      title: m.title,
      account: info?.accountName ?? '',
      workspace: info?.workspaceName ?? '',
      requester,
      expiresAt,
    })
    const sent = await emailAddress(tx, ctx.ws, deps.jobs, {
      to: contact.email,
      ...text,
      link: path,
      lang: await langOf(tx, ctx.ws),
      relatedType: 'milestone',
      relatedId: id,
      needsAbsoluteLink: true,
    })
    email = { status: sent.status, error: sent.error }
  }
  return { url, path, expiresAt: expiresAt.toISOString(), milestone, email }
}

type Link = NonNullable<Awaited<ReturnType<typeof linkByHash>>>

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The link of a token, or the reason it no longer works (404 unknown; 410 used, replaced, expired, withdrawn). */
async function usableLink(tx: Executor, token: string, forUpdate = false): Promise<Link> {
  const found = await linkByHash(tx, tokenHash(token), forUpdate)
  if (!found)
    throw new AppError(
      'not_found',
      'confirmation_not_found',
      'This confirmation link is not valid. Check that it was copied completely, or ask your account team for a new one.',
    )
  const l = found.link
  if (l.usedAt)
    throw new AppError(
      'gone',
      'confirmation_used',
      `This milestone was already confirmed on ${day(l.usedAt)}${l.confirmedName ? ` by ${l.confirmedName}` : ''}. Thank you — nothing more is needed.`,
      { confirmedAt: l.usedAt.toISOString() },
    )
  if (l.revokedAt)
    throw new AppError(
      'gone',
      'confirmation_replaced',
      'A newer confirmation link was sent for this milestone; please use the most recent e-mail.',
    )
  if (found.milestoneDeleted)
    throw new AppError('gone', 'milestone_withdrawn', 'This milestone was withdrawn by your account team.')
  if (l.expiresAt.getTime() <= Date.now())
    throw new AppError(
      'gone',
      'confirmation_expired',
      `This confirmation link expired on ${day(l.expiresAt)}. Ask your account team to send a new one.`,
      { expiredAt: l.expiresAt.toISOString() },
    )
  return found
}

/** What a confirmation link asks the customer to confirm (public, no login). */
export async function publicMilestone(tx: Executor, token: string): Promise<z.infer<typeof PublicMilestone>> {
  const f = await usableLink(tx, token)
  return {
    title: f.title,
    description: f.description,
    dueDate: f.dueDate,
    accountName: f.accountName,
    workspaceName: f.workspaceName,
    contactName: f.contactName,
    requestedBy: f.requestedBy,
    expiresAt: f.link.expiresAt.toISOString(),
    locale: f.locale,
  }
}

/**
 * The customer's contact confirms the milestone (public, no login): the link is used up, the milestone
 * becomes confirmed with their name and comment, an audit entry records it (with the address it came
 * from) and the person who asked is told in the app.
 */
export async function confirmMilestone(
  tx: Executor,
  deps: MilestoneDeps,
  token: string,
  input: { name: string; comment?: string },
  from: { ip: string | null; userAgent: string | null; requestId?: string },
): Promise<z.infer<typeof PublicMilestoneConfirmed>> {
  const f = await usableLink(tx, token, true)
  const ws = f.link.workspaceId
  const ctx: Ctx = {
    ws,
    principal: systemPrincipal(ws),
    events: deps.events,
    ...(from.requestId ? { requestId: from.requestId } : {}),
  }
  const now = new Date()
  const name = input.name.trim()
  const comment = input.comment?.trim() || null
  const used = await useLink(tx, ws, f.link.id, {
    usedAt: now,
    confirmedName: name,
    comment,
    ip: from.ip,
    userAgent: from.userAgent?.slice(0, 300) ?? null,
  })
  if (!used.length) throw new AppError('gone', 'confirmation_used', 'This milestone was already confirmed.')
  const m = (await milestoneCollection.get(tx, ctx, f.link.milestoneId)) as Row
  const record = (await milestoneCollection.update(tx, ctx, m.id, {
    version: m.version,
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    confirmedByName: name,
    confirmationComment: comment,
  })) as Row
  await recordAudit(tx, ctx, [
    {
      action: 'confirm',
      entityType: 'milestone',
      entityId: m.id,
      after: { confirmedByName: name, comment, contactId: f.link.contactId, ip: from.ip, linkId: f.link.id },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'milestone.confirmed', entityType: 'milestone', entityId: m.id, payload: { record } },
  ])
  const tell = [...new Set([f.link.createdBy, m.ownerId].filter((x): x is string => !!x))]
  if (tell.length)
    await notify(tx, ws, deps.jobs, {
      userIds: tell,
      channels: ['in_app'],
      ...milestoneTexts.confirmed(await langOf(tx, ws), { title: m.title, name }),
      link: `/accounts/${m.accountId}`,
      relatedType: 'milestone',
      relatedId: m.id,
    })
  return { title: m.title, confirmedAt: now.toISOString(), confirmedByName: name }
}
