import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../../core/db/columns'

/**
 * A ticket's conversation: public replies (the customer's contact reads them, by e-mail and in the
 * portal) and internal notes (never leave the agents). An agent writes as `authorUserId`, the contact
 * (portal, e-mail) as `authorContactId`.
 */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    ...businessColumns(),
    ticketId: uuid('ticket_id').notNull(),
    /** `public` or `internal`. */
    visibility: text('visibility').notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id'),
    authorContactId: uuid('author_contact_id'),
    /** Uploaded files (POST /files) attached to the message. */
    fileIds: uuid('file_ids').array().notNull().default([]),
    /**
     * What became of the e-mail to the contact (public replies by agents): `queued`, or why none went
     * (`no_contact`, `no_email`, `not_configured`); null for notes and the contact's own messages.
     */
    emailStatus: text('email_status'),
    emailedTo: text('emailed_to'),
    emailedAt: tstz('emailed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('ticket_messages_ticket_idx').on(t.workspaceId, t.ticketId, t.createdAt, t.id),
    index('ticket_messages_files_idx').using('gin', t.fileIds),
  ],
)
