import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const activities = pgTable(
  'activities',
  {
    ...businessColumns(),
    /** Null while the activity is about a record without an account (a lead not converted yet). */
    accountId: uuid('account_id'),
    opportunityId: uuid('opportunity_id'),
    contactIds: uuid('contact_ids').array().notNull().default([]),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    occurredAt: tstz('occurred_at').notNull(),
    durationMinutes: integer('duration_minutes'),
    location: text('location'),
    /** The record the activity is about, beside its account: entity (`lead`, `contract`, a custom key) and id. */
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('activities_account_idx').on(t.workspaceId, t.accountId, t.occurredAt),
    index('activities_related_idx').on(t.workspaceId, t.relatedType, t.relatedId, t.occurredAt),
    index('activities_owner_idx').on(t.workspaceId, t.ownerId, t.occurredAt),
    index('activities_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('activities_occurred_idx').on(t.workspaceId, t.occurredAt, t.id),
  ],
)
