import { jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'

/** One address a ticket's acknowledgement went to; the outcome is the delivery row (notifications.id). */
export type AcknowledgementDelivery = { channel: 'email' | 'sms'; to: string; notificationId: string }
/** Why a channel was not used: no contact, no e-mail address, no phone, or a phone that takes no texts. */
export type AcknowledgementSkipReason = 'no_contact' | 'no_email' | 'no_phone' | 'not_mobile'
export type AcknowledgementSkip = { channel: 'email' | 'sms'; reason: AcknowledgementSkipReason }

/**
 * The acknowledgement of each new ticket to its contact: one row per ticket (the key makes a second
 * delivery of `ticket.created` a no-op), with the addresses used and the channels left out.
 */
export const ticketAcknowledgements = pgTable(
  'ticket_acknowledgements',
  {
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    /** The `ticket.created` event that caused it. */
    eventId: uuid('event_id'),
    /** The language the texts were written in (the workspace's). */
    lang: text('lang').notNull(),
    deliveries: jsonb('deliveries').$type<AcknowledgementDelivery[]>().notNull().default([]),
    skipped: jsonb('skipped').$type<AcknowledgementSkip[]>().notNull().default([]),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ticketId] })],
)
