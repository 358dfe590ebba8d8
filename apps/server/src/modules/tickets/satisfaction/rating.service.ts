import { createHash, randomBytes } from 'node:crypto'
import type { PublicTicketRating, TicketRated } from '@openkam/contract'
import type { z } from 'zod'
import { systemCtx, type Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError, notFound } from '../../../core/errors'
import type { EventSink } from '../../../core/events/bus'
import { newId } from '../../../core/ids'
import type { JobQueue } from '../../../core/jobs/jobs'
import { emailAddress } from '../../notifications'
import { getWorkspace } from '../../workspaces'
import { langOfWorkspace, ticketContact } from '../conversation'
import { ticketCollection } from '../ticket.collection'
import {
  insertRatingLink,
  markRatingLinkUsed,
  ratingLinkByHash,
  ratingLinkOfTicket,
  setRatingLinkEmailStatus,
  ticketRow,
} from './rating.repository'
import { ratingMail } from './rating-texts'

const DAY = 86_400_000
/** How long a satisfaction link works. */
export const RATING_LINK_DAYS = 30

/** Only the hash of a token is stored; a leaked table opens nothing. */
export const ratingTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * Sends the ticket's contact a single-use link to rate the handling (once per ticket, whatever happens to
 * it later): 32 random bytes, only their hash kept, expiring after RATING_LINK_DAYS. Nothing is stored
 * when the ticket has no contact with an e-mail, so a contact added later still gets one on the next
 * resolution. Answers what happened.
 */
export async function sendRatingLink(
  tx: Executor,
  ws: string,
  deps: { jobs: JobQueue; events: EventSink },
  ticketId: string,
  now = new Date(),
): Promise<'queued' | 'not_configured' | 'no_contact' | 'no_email' | 'already_sent' | 'rated'> {
  const ticket = await ticketRow(tx, ws, ticketId)
  if (!ticket) return 'no_contact'
  if (ticket.satisfactionAt) return 'rated'
  if (await ratingLinkOfTicket(tx, ws, ticketId)) return 'already_sent'
  const to = await ticketContact(tx, ws, ticket.contactId)
  if (to.status !== 'ok') return to.status
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + RATING_LINK_DAYS * DAY)
  const lang = await langOfWorkspace(tx, ws)
  const workspace = await getWorkspace(tx, systemCtx(ws, deps.events))
  const id = newId()
  const stored = await insertRatingLink(tx, {
    id,
    workspaceId: ws,
    ticketId,
    contactId: ticket.contactId,
    tokenHash: ratingTokenHash(token),
    sentAt: now,
    expiresAt,
    emailStatus: 'queued',
  })
  if (!stored) return 'already_sent'
  const sent = await emailAddress(tx, ws, deps.jobs, {
    to: to.email,
    ...ratingMail(lang, {
      number: ticket.number,
      subject: ticket.subject,
      contact: to.name,
      workspace: workspace.name,
      expiresAt,
    }),
    link: `/rate/${token}`,
    lang,
    relatedType: 'ticket',
    relatedId: ticketId,
    needsAbsoluteLink: true,
  })
  if (sent.status === 'pending') return 'queued'
  await setRatingLinkEmailStatus(tx, ws, id, 'not_configured')
  return 'not_configured'
}

type Found = NonNullable<Awaited<ReturnType<typeof ratingLinkByHash>>>
const day = (d: Date) => d.toISOString().slice(0, 10)

/** The link of a token, or why it no longer works (404 unknown; 410 used, rated, withdrawn, expired). */
async function usableLink(tx: Executor, token: string, forUpdate = false): Promise<Found> {
  const f = await ratingLinkByHash(tx, ratingTokenHash(token), forUpdate)
  if (!f)
    throw new AppError(
      'not_found',
      'rating_not_found',
      'This rating link is not valid. Check that it was copied completely.',
    )
  if (f.link.usedAt || f.ticket.satisfactionAt)
    throw new AppError(
      'gone',
      'rating_used',
      `This ticket was already rated on ${day(f.link.usedAt ?? f.ticket.satisfactionAt!)}. Thank you — nothing more is needed.`,
      { ratedAt: (f.link.usedAt ?? f.ticket.satisfactionAt!).toISOString() },
    )
  if (f.ticket.deletedAt)
    throw new AppError('gone', 'rating_withdrawn', 'This ticket was withdrawn by the service team.')
  if (f.link.expiresAt.getTime() <= Date.now())
    throw new AppError('gone', 'rating_expired', `This rating link expired on ${day(f.link.expiresAt)}.`, {
      expiredAt: f.link.expiresAt.toISOString(),
    })
  return f
}

/** What the rating link shows (public, no login). */
export async function publicRating(tx: Executor, token: string): Promise<z.infer<typeof PublicTicketRating>> {
  const f = await usableLink(tx, token)
  return {
    ticketNumber: f.ticket.number,
    subject: f.ticket.subject,
    accountName: f.accountName,
    contactName: f.contactName,
    workspaceName: f.workspaceName,
    locale: f.locale === 'en' ? 'en' : 'zh-CN',
    resolvedAt: f.ticket.resolvedAt?.toISOString() ?? null,
    expiresAt: f.link.expiresAt.toISOString(),
  }
}

/** The contact rates through their link (public, no login): the link is used up and the rating stored. */
export async function rateByToken(
  tx: Executor,
  events: EventSink,
  token: string,
  input: { score: number; comment?: string },
  from: { requestId?: string } = {},
): Promise<z.infer<typeof TicketRated>> {
  const f = await usableLink(tx, token, true)
  const now = new Date()
  if (!(await markRatingLinkUsed(tx, f.link.workspaceId, f.link.id, now)))
    throw new AppError('gone', 'rating_used', 'This ticket was already rated.')
  return rateTicket(
    tx,
    { ...systemCtx(f.link.workspaceId, events), requestId: from.requestId },
    f.ticket.id,
    input,
    now,
  )
}

/**
 * Stores the contact's rating on the ticket (`satisfaction`, `satisfactionComment`, `satisfactionAt`, one
 * audited update) and emits `ticket.rated`. The update is what moves the account's health (issue
 * feedback counts low ratings) and what the template rules watch (a score of 1–2 gives the assignee, or
 * the account's CSM, a follow-up task). A ticket is rated once (410 after). The portal calls this too,
 * after checking the ticket is the contact's.
 */
export async function rateTicket(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  input: { score: number; comment?: string },
  now = new Date(),
): Promise<z.infer<typeof TicketRated>> {
  const ticket = await ticketRow(tx, ctx.ws, ticketId)
  if (!ticket) throw notFound('Ticket')
  if (ticket.satisfactionAt)
    throw new AppError(
      'gone',
      'rating_used',
      `This ticket was already rated on ${day(ticket.satisfactionAt)}.`,
      {
        ratedAt: ticket.satisfactionAt.toISOString(),
      },
    )
  const comment = input.comment?.trim() || null
  const sys =
    ctx.principal.kind === 'system' ? ctx : { ...systemCtx(ctx.ws, ctx.events), requestId: ctx.requestId }
  await ticketCollection.update(tx, sys, ticketId, {
    version: ticket.version,
    satisfaction: input.score,
    satisfactionComment: comment,
    satisfactionAt: now.toISOString(),
  })
  await ctx.events.emit(tx, sys, [
    {
      type: 'ticket.rated',
      entityType: 'ticket',
      entityId: ticketId,
      payload: {
        ticketId,
        accountId: ticket.accountId,
        contactId: ticket.contactId,
        score: input.score,
        comment,
        assigneeId: ticket.assigneeId,
      },
    },
  ])
  return { score: input.score, ratedAt: now.toISOString() }
}
