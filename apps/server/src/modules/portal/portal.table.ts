import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * One-time sign-in links of the customer portal, e-mailed to a contact: only the token's hash is kept;
 * single use (`usedAt`) and short-lived (`expiresAt`). Rows also count the requests per address for the
 * rate limit.
 */
export const portalLinks = pgTable(
  'portal_links',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('portal_links_token_idx').on(t.workspaceId, t.tokenHash),
    index('portal_links_email_idx').on(t.workspaceId, t.email, t.createdAt),
  ],
)

/** Signed-in portal visitors: a contact of one account, in a cookie of its own (never an internal session). */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    contactId: uuid('contact_id').notNull(),
    accountId: uuid('account_id').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.tokenHash] })],
)
