import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** Automation rules: trigger → conditions → ordered actions (SPEC R-18). `version` is the rule version. */
export const rules = pgTable(
  'rules',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
    triggerKind: text('trigger_kind').notNull(),
    triggerEntity: text('trigger_entity'),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull().default([]),
    hookKey: text('hook_key'),
    /** Engine state outside the definition: round-robin position, last schedule firing. */
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    lastRunAt: tstz('last_run_at'),
    runCount: integer('run_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    /** The template key when the rule came with the workspace template. */
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('rules_trigger_idx').on(t.workspaceId, t.triggerKind, t.triggerEntity),
    index('rules_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** Every saved version of a rule's definition, so a run can be read against the version that ran. */
export const ruleVersions = pgTable(
  'rule_versions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by'),
    changedAt: tstz('changed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ruleId, t.version] })],
)

/** One row per rule firing: what triggered it, the conditions' trace and each action's outcome. */
export const ruleRuns = pgTable(
  'rule_runs',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    trigger: text('trigger').notNull(),
    eventId: uuid('event_id'),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    depth: integer('depth').notNull().default(0),
    status: text('status').notNull(),
    matched: boolean('matched').notNull(),
    conditions: jsonb('conditions').$type<Record<string, unknown>[]>().notNull().default([]),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull().default([]),
    durationMs: integer('duration_ms').notNull().default(0),
    startedAt: tstz('started_at').notNull(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('rule_runs_rule_idx').on(t.workspaceId, t.ruleId, t.startedAt),
    index('rule_runs_entity_idx').on(t.workspaceId, t.entityId, t.startedAt),
    index('rule_runs_started_idx').on(t.workspaceId, t.startedAt),
  ],
)

/** Date triggers fire once per rule, record and date value. */
export const ruleDateFires = pgTable(
  'rule_date_fires',
  {
    workspaceId: uuid('workspace_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    fireKey: text('fire_key').notNull(),
    firedAt: tstz('fired_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ruleId, t.entityId, t.fireKey] })],
)

/** A named list of task templates with relative due dates, started by a rule or by hand. */
export const playbooks = pgTable(
  'playbooks',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    steps: jsonb('steps').$type<Record<string, unknown>[]>().notNull().default([]),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('playbooks_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)
