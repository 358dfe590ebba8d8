import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/**
 * Alerts (SPEC R-13): one per account and type while unresolved — the partial unique index makes a
 * second evaluation (or a second worker) harmless; once resolved, a new one may open. A snoozed alert
 * stays the unresolved one until its date, so it neither duplicates nor notifies again before then.
 * `ownerId` is the account's owner when the alert opens, so rule recipients `owner`/`manager` name the
 * account manager.
 */
export const alerts = pgTable(
  'alerts',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull().default('open'),
    reason: text('reason').notNull(),
    /** The evidence: the numbers that opened the alert (and the latest ones seen since). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ruleId: uuid('rule_id'),
    ruleKey: text('rule_key'),
    /** Whether opening it notifies the account manager (the template rule checks this). */
    notify: boolean('notify').notNull().default(true),
    snoozedUntil: tstz('snoozed_until'),
    snoozeNote: text('snooze_note'),
    acknowledgedAt: tstz('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    resolvedAt: tstz('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    outcome: text('outcome'),
    resolutionNote: text('resolution_note'),
    reopenedAt: tstz('reopened_at'),
    escalatedAt: tstz('escalated_at'),
    playbookId: uuid('playbook_id'),
    playbookTaskIds: jsonb('playbook_task_ids').$type<string[]>(),
    /** The last evaluation that still saw the condition. */
    lastSeenAt: tstz('last_seen_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('alerts_unresolved_key')
      .on(t.workspaceId, t.accountId, t.type)
      .where(sql`${t.status} <> 'resolved' and ${t.deletedAt} is null`),
    index('alerts_status_idx').on(t.workspaceId, t.status, t.createdAt),
    index('alerts_account_idx').on(t.workspaceId, t.accountId, t.createdAt),
    index('alerts_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** Alert rules: which conditions open alerts, with their thresholds, severity, escalation and playbook. */
export const alertRules = pgTable(
  'alert_rules',
  {
    ...businessColumns(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    type: text('type').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    severity: text('severity').notNull().default('warning'),
    escalation: jsonb('escalation').$type<{ afterDays: number; severity: string }>(),
    startPlaybook: text('start_playbook'),
    notify: boolean('notify').notNull().default(true),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('alert_rules_key')
      .on(t.workspaceId, t.key)
      .where(sql`${t.deletedAt} is null`),
    index('alert_rules_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** The workspace's alert settings: the outcomes an alert is resolved with (defaults when there is no row). */
export const alertSettings = pgTable('alert_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  outcomes: jsonb('outcomes').$type<{ key: string; label: string }[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})
