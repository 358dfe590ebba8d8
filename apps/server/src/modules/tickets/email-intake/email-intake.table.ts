import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'

/**
 * A workspace's inbound-mail endpoint (`POST /api/v1/inbound-email/<slug>`): only the SHA-256 of its
 * secret token is kept (the token is shown once, when an administrator generates it), with its last
 * characters so the settings can tell which token is in use.
 */
export const ticketEmailIntake = pgTable('ticket_email_intake', {
  workspaceId: uuid('workspace_id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  tokenHint: text('token_hint').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
})

/** Files of an e-mail that were not kept, and why (type, size). */
export type SkippedAttachment = { name: string; reason: 'type' | 'size' | 'empty' | 'count' }

/**
 * Every e-mail the endpoint accepted, once per Message-ID (the unique key makes a second delivery of the
 * same message a no-op): who sent it, what became of it (a new ticket, a message on a ticket, or dropped
 * with the reason), for the administrators' intake log.
 */
export const ticketEmailIntakeLog = pgTable(
  'ticket_email_intake_log',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    /** The Message-ID header, or `sha256:<hex of the raw message>` when it has none. */
    messageKey: text('message_key').notNull(),
    fromAddress: text('from_address'),
    subject: text('subject'),
    /** `ticket_created`, `message_added` or `dropped`. */
    outcome: text('outcome').notNull(),
    /** Why it was dropped: `unknown_sender`, `foreign_ticket`, `auto_reply`, `bounce`, `no_sender`. */
    reason: text('reason'),
    ticketId: uuid('ticket_id'),
    ticketMessageId: uuid('ticket_message_id'),
    contactId: uuid('contact_id'),
    skippedAttachments: jsonb('skipped_attachments').$type<SkippedAttachment[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('ticket_email_intake_log_message_idx').on(t.workspaceId, t.messageKey),
    index('ticket_email_intake_log_received_idx').on(t.workspaceId, t.receivedAt, t.id),
  ],
)
