import { sql } from 'drizzle-orm'
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const tasks = pgTable(
  'tasks',
  {
    ...businessColumns(),
    title: text('title').notNull(),
    description: text('description'),
    assigneeId: uuid('assignee_id'),
    assigneeRole: text('assignee_role'),
    accountId: uuid('account_id'),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    dueAt: tstz('due_at'),
    priority: text('priority').notNull().default('normal'),
    status: text('status').notNull().default('open'),
    source: text('source').notNull().default('manual'),
    completedAt: tstz('completed_at'),
    /** When to remind the assignee (an in-app notification); remindedAt is set once it went out. */
    remindAt: tstz('remind_at'),
    remindedAt: tstz('reminded_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tasks_assignee_idx').on(t.workspaceId, t.assigneeId, t.status, t.dueAt),
    index('tasks_account_idx').on(t.workspaceId, t.accountId, t.status),
    index('tasks_related_idx').on(t.workspaceId, t.relatedType, t.relatedId),
    index('tasks_remind_idx')
      .on(t.remindAt)
      .where(sql`reminded_at is null and remind_at is not null`),
    index('tasks_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)
