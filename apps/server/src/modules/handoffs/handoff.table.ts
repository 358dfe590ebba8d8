import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { HandoffChecklistItem } from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'

/**
 * Sales → CSM handoffs (SPEC R-10): one per won opportunity (the unique index makes a redelivered
 * event or a re-saved deal harmless). `ownerId` follows the step: the sales owner until submission,
 * then the CSM, so that rule recipients `owner` and `manager` name whoever must act now.
 */
export const handoffs = pgTable(
  'handoffs',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    opportunityId: uuid('opportunity_id'),
    salesOwnerId: uuid('sales_owner_id'),
    csmId: uuid('csm_id'),
    status: text('status').notNull().default('open'),
    dueAt: tstz('due_at').notNull(),
    submittedAt: tstz('submitted_at'),
    validationDueAt: tstz('validation_due_at'),
    validatedAt: tstz('validated_at'),
    validationComment: text('validation_comment'),
    escalatedAt: tstz('escalated_at'),
    validationEscalatedAt: tstz('validation_escalated_at'),
    checklist: jsonb('checklist').$type<HandoffChecklistItem[]>().notNull().default([]),
    valueGoal: text('value_goal'),
    notes: text('notes'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('handoffs_opportunity_key')
      .on(t.workspaceId, t.opportunityId)
      .where(sql`${t.opportunityId} is not null`),
    index('handoffs_account_idx').on(t.workspaceId, t.accountId),
    index('handoffs_due_idx').on(t.workspaceId, t.status, t.dueAt),
    index('handoffs_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** The workspace's handoff template: the checklist and both deadlines (defaults when there is no row). */
export const handoffSettings = pgTable('handoff_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  checklist: jsonb('checklist').$type<{ key: string; label: string }[]>().notNull(),
  dueHours: integer('due_hours').notNull().default(72),
  validationDays: integer('validation_days').notNull().default(30),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})
