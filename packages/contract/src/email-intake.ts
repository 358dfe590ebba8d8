import { z } from 'zod'
import { Id, Timestamp } from './common'

/**
 * Tickets from e-mail (service desk): a mail provider's inbound webhook or a local MTA posts each raw
 * message (`message/rfc822`) to `POST /api/v1/inbound-email/<workspace slug>` with the workspace's
 * secret token. A known contact's e-mail becomes a ticket, or a message on the ticket its subject names.
 */

/** The largest raw message the endpoint takes (larger ones are answered 413). */
export const MAX_INBOUND_EMAIL_BYTES = 25 * 1024 * 1024
/** The header that carries the endpoint's token (`?token=` in the address works too, for providers that set no headers). */
export const INBOUND_EMAIL_TOKEN_HEADER = 'x-openkam-token'

/** What became of an e-mail: a new ticket, a message on an existing one, or nothing (see the reason). */
export const emailIntakeOutcomes = ['ticket_created', 'message_added', 'dropped'] as const
/**
 * Why an e-mail was dropped: the sender is no active contact of a customer account, the ticket number in
 * the subject is not one of the sender's account, an automatic reply (Auto-Submitted, Precedence, …) or a
 * bounce (mailer-daemon, a delivery report) — never answered, so no mail loops — or no sender at all.
 */
export const emailIntakeReasons = [
  'unknown_sender',
  'foreign_ticket',
  'auto_reply',
  'bounce',
  'no_sender',
] as const

/** What the inbound endpoint answers (201 a new ticket, 200 a message or a repeat, 202 dropped). */
export const EmailIntakeResult = z
  .object({
    outcome: z.enum(emailIntakeOutcomes),
    reason: z.enum(emailIntakeReasons).nullable(),
    /** The same Message-ID was received before: nothing new was written; the first outcome is repeated. */
    duplicate: z.boolean(),
    ticketId: Id.nullable(),
    ticketNumber: z.string().nullable(),
    ticketMessageId: Id.nullable(),
  })
  .meta({ id: 'EmailIntakeResult' })
export type EmailIntakeResult = z.infer<typeof EmailIntakeResult>

/** The endpoint as the settings show it: its address and whether (and which) token is set. */
export const EmailIntakeSettings = z
  .object({
    /** The path to give the mail provider (prefix it with the server's address). */
    path: z.string(),
    tokenHeader: z.string(),
    configured: z.boolean(),
    /** The token's last four characters, so an administrator can tell which one is in use. */
    tokenHint: z.string().nullable(),
    tokenCreatedAt: Timestamp.nullable(),
    maxBytes: z.number().int(),
  })
  .meta({ id: 'EmailIntakeSettings' })
export type EmailIntakeSettings = z.infer<typeof EmailIntakeSettings>

/** A newly generated token: shown this once (only its hash is kept); the previous one stops working. */
export const EmailIntakeToken = EmailIntakeSettings.extend({ token: z.string() }).meta({
  id: 'EmailIntakeToken',
})
export type EmailIntakeToken = z.infer<typeof EmailIntakeToken>

/** A file of an e-mail that was not kept: not an accepted type, too large, empty, or beyond ten a message. */
export const EmailIntakeSkippedFile = z
  .object({ name: z.string(), reason: z.enum(['type', 'size', 'empty', 'count']) })
  .meta({ id: 'EmailIntakeSkippedFile' })

/** One received e-mail in the intake log (newest first). */
export const EmailIntakeLogEntry = z
  .object({
    id: Id,
    receivedAt: Timestamp,
    from: z.string().nullable(),
    subject: z.string().nullable(),
    outcome: z.enum(emailIntakeOutcomes),
    reason: z.enum(emailIntakeReasons).nullable(),
    ticketId: Id.nullable(),
    ticketNumber: z.string().nullable(),
    contactId: Id.nullable(),
    contactName: z.string().nullable(),
    skippedFiles: z.array(EmailIntakeSkippedFile),
  })
  .meta({ id: 'EmailIntakeLogEntry' })
export type EmailIntakeLogEntry = z.infer<typeof EmailIntakeLogEntry>

export const EmailIntakeLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
})
