import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const tickets = pgTable(
  'tickets',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    type: text('type').notNull().default('question'),
    priority: text('priority').notNull().default('normal'),
    subject: text('subject').notNull(),
    body: text('body'),
    status: text('status').notNull().default('new'),
    assigneeId: uuid('assignee_id'),
    teamId: uuid('team_id'),
    satisfaction: integer('satisfaction'),
    channel: text('channel'),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tickets_account_idx').on(t.workspaceId, t.accountId, t.createdAt),
    index('tickets_status_idx').on(t.workspaceId, t.status, t.priority),
    index('tickets_assignee_idx').on(t.workspaceId, t.assigneeId),
    index('tickets_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)
