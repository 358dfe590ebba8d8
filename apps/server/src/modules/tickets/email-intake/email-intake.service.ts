import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  INBOUND_EMAIL_TOKEN_HEADER,
  MAX_FILE_BYTES,
  MAX_INBOUND_EMAIL_BYTES,
  type EmailIntakeLogEntry,
  type EmailIntakeResult,
  type EmailIntakeSettings,
  type EmailIntakeToken,
} from '@openkam/contract'
import { scopeFor, systemPrincipal } from '../../../core/access/permissions'
import { recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import { AppError } from '../../../core/errors'
import { isUuid, newId } from '../../../core/ids'
import { checkFileType, safeFileName, storeFile } from '../../pipelines'
import { findWorkspaceBySlug, getWorkspace } from '../../workspaces'
import { addContactMessage, addMessage } from '../conversation'
import { ticketCollection } from '../ticket.collection'
import { attachedFiles, noSubject } from './email-intake-texts'
import {
  claimMessage,
  contactsByEmail,
  findIntake,
  finishLogEntry,
  logEntryByKey,
  logPage,
  saveIntakeToken,
  ticketByNumber,
  ticketNumbers,
  type IntakeLogRow,
} from './email-intake.repository'
import type { SkippedAttachment } from './email-intake.table'
import { automaticMail, clip, newText, ticketNumberIn } from './inbound-mail'
import type { InboundMail } from './parse-mail'
import './email-intake.events'

/** At most this many files of one e-mail are kept (a ticket message's limit). */
const MAX_FILES = 10

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest()
export const intakePath = (slug: string) => `/api/v1/inbound-email/${slug}`

function requireAdmin(ctx: Ctx, what: string) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', `Only administrators may ${what}`)
}

const slugOf = async (tx: Executor, ctx: Ctx) => (await getWorkspace(tx, ctx)).slug

const settingsOf = (
  slug: string,
  row: { tokenHint: string; createdAt: Date } | null,
): EmailIntakeSettings => ({
  path: intakePath(slug),
  tokenHeader: INBOUND_EMAIL_TOKEN_HEADER,
  configured: !!row,
  tokenHint: row?.tokenHint ?? null,
  tokenCreatedAt: row?.createdAt.toISOString() ?? null,
  maxBytes: MAX_INBOUND_EMAIL_BYTES,
})

/** The endpoint's address and whether a token is set (administrators). */
export async function intakeSettings(tx: Executor, ctx: Ctx): Promise<EmailIntakeSettings> {
  requireAdmin(ctx, 'see the inbound e-mail settings')
  return settingsOf(await slugOf(tx, ctx), await findIntake(tx, ctx.ws))
}

/**
 * A new secret token for the inbound endpoint (administrators): answered this once, kept as its SHA-256;
 * the previous token stops working at once.
 */
export async function generateIntakeToken(tx: Executor, ctx: Ctx): Promise<EmailIntakeToken> {
  requireAdmin(ctx, 'generate the inbound e-mail token')
  const token = `okin_${randomBytes(24).toString('base64url')}`
  const before = await findIntake(tx, ctx.ws)
  const row = await saveIntakeToken(tx, {
    workspaceId: ctx.ws,
    tokenHash: hash(token).toString('hex'),
    tokenHint: token.slice(-4),
    createdAt: new Date(),
    createdBy: ctx.principal.userId,
  })
  await recordAudit(tx, ctx, [
    {
      action: before ? 'regenerate_token' : 'generate_token',
      entityType: 'inbound_email',
      entityId: ctx.ws,
      before: before ? { tokenHint: before.tokenHint } : undefined,
      after: { tokenHint: row.tokenHint },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'inbound_email.token_generated',
      entityType: 'inbound_email',
      entityId: ctx.ws,
      payload: { tokenHint: row.tokenHint },
    },
  ])
  return { ...settingsOf(await slugOf(tx, ctx), row), token }
}

const unauthorized = () =>
  new AppError(
    'unauthenticated',
    'unauthenticated',
    `Send the workspace's inbound e-mail token in the ${INBOUND_EMAIL_TOKEN_HEADER} header (or ?token=); an administrator generates it in Settings → Channels`,
  )

/** The workspace of an inbound address whose token matches; 401 otherwise (an unknown address alike). */
export async function authenticateInbound(tx: Executor, slug: string, token: string | undefined) {
  if (!token || token.length > 200) throw unauthorized()
  const ws = await findWorkspaceBySlug(tx, slug)
  const intake = ws ? await findIntake(tx, ws.id) : null
  const given = hash(token)
  if (!ws || !intake || !timingSafeEqual(given, Buffer.from(intake.tokenHash, 'hex'))) throw unauthorized()
  return { id: ws.id, slug: ws.slug, lang: ws.locale === 'en' ? ('en' as const) : ('zh-CN' as const) }
}

const resultOf = (
  row: Pick<IntakeLogRow, 'outcome' | 'reason' | 'ticketId' | 'ticketMessageId'>,
  ticketNumber: string | null,
  duplicate: boolean,
): EmailIntakeResult => ({
  outcome: row.outcome as EmailIntakeResult['outcome'],
  reason: row.reason as EmailIntakeResult['reason'],
  duplicate,
  ticketId: row.ticketId,
  ticketNumber,
  ticketMessageId: row.ticketMessageId,
})

/** The e-mail's files that the files module keeps (type, size, at most ten), stored as the contact's. */
async function storeAttachments(tx: Executor, ctx: Ctx, contactId: string, mail: InboundMail) {
  const kept: { id: string; name: string }[] = []
  const skipped: SkippedAttachment[] = []
  for (const a of mail.attachments) {
    const name = safeFileName(a.name)
    if (a.content.length === 0) skipped.push({ name, reason: 'empty' })
    else if (a.content.length > MAX_FILE_BYTES) skipped.push({ name, reason: 'size' })
    else if (kept.length >= MAX_FILES) skipped.push({ name, reason: 'count' })
    else {
      const type = checkFileType(name, a.content.subarray(0, 8192))
      if (!type.ok) skipped.push({ name, reason: 'type' })
      else kept.push(await storeFile(tx, ctx, { name, content: a.content, type }, { contactId }))
    }
  }
  return { kept, skipped }
}

/**
 * What an e-mail to the workspace's inbound address does, in the caller's transaction, once per
 * Message-ID: from an active contact of a customer account, a subject naming one of that account's
 * tickets (`TK-10042`) adds the contact's public message to it (a pending or resolved ticket reopens);
 * any other subject opens a new ticket (numbered, routed, given its due times and acknowledged, as every
 * new ticket), channel `email`. The e-mail's files go with the contact's message. Anything else — an
 * unknown sender, another account's ticket, an automatic reply or a bounce — is dropped with the reason
 * in the intake log, and never answered.
 */
export async function receiveEmail(
  tx: Executor,
  events: EventSink,
  ws: { id: string; lang: 'zh-CN' | 'en' },
  mail: InboundMail,
  now = new Date(),
): Promise<EmailIntakeResult> {
  const ctx: Ctx = { ws: ws.id, principal: systemPrincipal(ws.id), events }
  const subject = clip(mail.subject, 300)
  const claimed = await claimMessage(tx, {
    workspaceId: ws.id,
    id: newId(),
    receivedAt: now,
    messageKey: mail.messageKey,
    fromAddress: mail.from ? clip(mail.from, 320) : null,
    subject: subject || null,
    outcome: 'dropped',
  })
  if (!claimed) {
    const first = (await logEntryByKey(tx, ws.id, mail.messageKey))!
    const numbers = await ticketNumbers(tx, ws.id, first.ticketId ? [first.ticketId] : [])
    return resultOf(first, (first.ticketId && numbers.get(first.ticketId)) || null, true)
  }
  const finish = async (
    v: Pick<IntakeLogRow, 'outcome' | 'reason' | 'ticketId' | 'ticketMessageId' | 'contactId'> & {
      skipped?: SkippedAttachment[]
    },
    ticketNumber: string | null,
  ) => {
    await finishLogEntry(tx, ws.id, claimed.id, {
      outcome: v.outcome,
      reason: v.reason,
      ticketId: v.ticketId,
      ticketMessageId: v.ticketMessageId,
      contactId: v.contactId,
      skippedAttachments: v.skipped ?? [],
    })
    const seen = { from: claimed.fromAddress, subject: claimed.subject, outcome: v.outcome, reason: v.reason }
    await recordAudit(tx, ctx, [
      {
        action: 'receive',
        entityType: 'inbound_email',
        entityId: claimed.id,
        after: { ...seen, ticketId: v.ticketId, messageKey: mail.messageKey },
      },
    ])
    await ctx.events.emit(tx, ctx, [
      {
        type: 'inbound_email.received',
        entityType: 'inbound_email',
        entityId: claimed.id,
        payload: {
          logId: claimed.id,
          ...seen,
          outcome: v.outcome as 'ticket_created' | 'message_added' | 'dropped',
          ticketId: v.ticketId,
        },
      },
    ])
    return resultOf(v, ticketNumber, false)
  }
  const none = { ticketId: null, ticketMessageId: null, contactId: null }
  const drop = (reason: NonNullable<EmailIntakeResult['reason']>) =>
    finish({ outcome: 'dropped', reason, ...none }, null)

  if (!mail.from) return drop('no_sender')
  const automatic = automaticMail(mail.header, mail.from)
  if (automatic) return drop(automatic)
  const people = await contactsByEmail(tx, ws.id, mail.from)
  if (!people.length) return drop('unknown_sender')

  const number = ticketNumberIn(subject)
  if (number) {
    const ticket = await ticketByNumber(tx, ws.id, number)
    const contact = ticket && people.find((p) => p.accountId === ticket.accountId)
    if (!ticket || !contact) return drop('foreign_ticket')
    const files = await storeAttachments(tx, ctx, contact.id, mail)
    const words = newText(mail.text)
    const body =
      words ||
      (files.kept.length
        ? attachedFiles(
            ws.lang,
            files.kept.map((f) => f.name),
          )
        : subject || noSubject(ws.lang))
    const message = await addContactMessage(tx, ctx, ticket.id, contact.id, {
      body: clip(body, 20_000),
      fileIds: files.kept.map((f) => f.id),
    })
    return finish(
      {
        outcome: 'message_added',
        reason: null,
        ticketId: ticket.id,
        ticketMessageId: message.id,
        contactId: contact.id,
        skipped: files.skipped,
      },
      ticket.number,
    )
  }

  const contact = people[0]!
  // A forwarded e-mail's history is what the customer wants us to read; a fresh one's quoted tail is not.
  const forwarded = /^(fwd?|转发)\s*[:：]/i.test(subject)
  const text = forwarded ? mail.text.trim() : newText(mail.text)
  const ticket = (await ticketCollection.create(tx, ctx, {
    accountId: contact.accountId,
    contactId: contact.id,
    subject: subject || noSubject(ws.lang),
    body: text ? clip(text, 50_000) : null,
    status: 'new',
    channel: 'email',
  })) as { id: string; number: string | null }
  const files = await storeAttachments(tx, ctx, contact.id, mail)
  const message = files.kept.length
    ? await addMessage(
        tx,
        ctx,
        ticket.id,
        {
          visibility: 'public',
          body: attachedFiles(
            ws.lang,
            files.kept.map((f) => f.name),
          ),
          fileIds: files.kept.map((f) => f.id),
        },
        { kind: 'contact', contactId: contact.id },
      )
    : null
  return finish(
    {
      outcome: 'ticket_created',
      reason: null,
      ticketId: ticket.id,
      ticketMessageId: message?.id ?? null,
      contactId: contact.id,
      skipped: files.skipped,
    },
    ticket.number,
  )
}

const cursorOf = (r: IntakeLogRow) =>
  Buffer.from(`${r.receivedAt.toISOString()}|${r.id}`, 'utf8').toString('base64url')
const readCursor = (c: string) => {
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|')
  const d = new Date(at ?? '')
  if (!id || !isUuid(id) || Number.isNaN(d.getTime()))
    throw new AppError('invalid', 'invalid_input', 'Invalid cursor: not a cursor of this list', {
      errors: [{ path: 'cursor', message: 'not a cursor of this list' }],
    })
  return { at: d, id }
}

/** The intake log, newest first, a page at a time (administrators). */
export async function intakeLog(
  tx: Executor,
  ctx: Ctx,
  q: { limit: number; cursor?: string },
): Promise<{ data: EmailIntakeLogEntry[]; nextCursor: string | null }> {
  requireAdmin(ctx, 'read the inbound e-mail log')
  const rows = await logPage(tx, ctx.ws, {
    limit: q.limit + 1,
    before: q.cursor ? readCursor(q.cursor) : undefined,
  })
  const page = rows.slice(0, q.limit)
  return {
    data: page.map(({ log, ticketNumber, contactName }) => ({
      id: log.id,
      receivedAt: log.receivedAt.toISOString(),
      from: log.fromAddress,
      subject: log.subject,
      outcome: log.outcome as EmailIntakeLogEntry['outcome'],
      reason: log.reason as EmailIntakeLogEntry['reason'],
      ticketId: log.ticketId,
      ticketNumber: log.ticketId ? ticketNumber : null,
      contactId: log.contactId,
      contactName: log.contactId ? contactName : null,
      skippedFiles: log.skippedAttachments,
    })),
    nextCursor: rows.length > q.limit ? cursorOf(page.at(-1)!.log) : null,
  }
}
