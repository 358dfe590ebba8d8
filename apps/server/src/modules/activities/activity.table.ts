import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const activities = pgTable(
  'activities',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    opportunityId: uuid('opportunity_id'),
    contactIds: uuid('contact_ids').array().notNull().default([]),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    occurredAt: tstz('occurred_at').notNull(),
    durationMinutes: integer('duration_minutes'),
    location: text('location'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('activities_account_idx').on(t.workspaceId, t.accountId, t.occurredAt),
    index('activities_owner_idx').on(t.workspaceId, t.ownerId, t.occurredAt),
    index('activities_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('activities_occurred_idx').on(t.workspaceId, t.occurredAt, t.id),
  ],
)
