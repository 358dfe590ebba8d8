import { MAX_FILE_BYTES, type EmailIntakeResult } from '@openkam/contract'
import { systemPrincipal } from '../../../core/access/permissions'
import { recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import { newId } from '../../../core/ids'
import { checkFileType, safeFileName, storeFile } from '../../pipelines'
import { addContactMessage, addMessage } from '../conversation'
import { ticketCollection } from '../ticket.collection'
import { attachedFiles, noSubject } from './email-intake-texts'
import {
  claimMessage,
  contactsByEmail,
  finishLogEntry,
  logEntryByKey,
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
