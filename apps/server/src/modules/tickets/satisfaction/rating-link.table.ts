import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'

/**
 * The satisfaction link a contact gets (once per ticket) when the ticket is resolved or closed: only the
 * SHA-256 of its token is stored; single use (`usedAt`) and expiring (`expiresAt`). The token is looked
 * up before the workspace is known, so its unique index is the one not led by workspace_id.
 */
export const ticketRatingLinks = pgTable(
  'ticket_rating_links',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    contactId: uuid('contact_id'),
    tokenHash: text('token_hash').notNull(),
    sentAt: tstz('sent_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    /** `queued`, or why no e-mail went (`no_contact`, `no_email`, `not_configured`). */
    emailStatus: text('email_status').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('ticket_rating_links_token_key').on(t.tokenHash),
    uniqueIndex('ticket_rating_links_ticket_key').on(t.workspaceId, t.ticketId),
    index('ticket_rating_links_expires_idx').on(t.workspaceId, t.expiresAt),
  ],
)
