import { date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** Delivery milestones of an account (SPEC R-09), confirmed by the customer's contact through a link. */
export const milestones = pgTable(
  'milestones',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    opportunityId: uuid('opportunity_id'),
    title: text('title').notNull(),
    description: text('description'),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('pending'),
    confirmationContactId: uuid('confirmation_contact_id'),
    confirmationRequestedAt: tstz('confirmation_requested_at'),
    confirmationExpiresAt: tstz('confirmation_expires_at'),
    confirmedAt: tstz('confirmed_at'),
    confirmedByName: text('confirmed_by_name'),
    confirmationComment: text('confirmation_comment'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('milestones_account_idx').on(t.workspaceId, t.accountId, t.dueDate),
    index('milestones_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/**
 * Confirmation links sent to a customer's contact: only the SHA-256 of the token is stored. The token
 * is looked up before the workspace is known, so its unique index is the one index not led by
 * workspace_id. A link is single-use (`usedAt`), expires (`expiresAt`) and is replaced by a newer one
 * for the same milestone (`revokedAt`).
 */
export const milestoneConfirmations = pgTable(
  'milestone_confirmations',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    milestoneId: uuid('milestone_id').notNull(),
    contactId: uuid('contact_id'),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    revokedAt: tstz('revoked_at'),
    confirmedName: text('confirmed_name'),
    comment: text('comment'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdBy: uuid('created_by'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('milestone_confirmations_token_key').on(t.tokenHash),
    index('milestone_confirmations_milestone_idx').on(t.workspaceId, t.milestoneId),
  ],
)
