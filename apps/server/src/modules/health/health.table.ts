import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** How a metric's raw value becomes a 0–100 score. */
export type MetricScoring =
  /** Linear between two points, clamped outside them (0 → 0 and 120 → 100, or 0 → 100 and 10 → 0). */
  | { kind: 'linear'; from: { value: number; score: number }; to: { value: number; score: number } }
  /** Bands: the score of the highest band whose `min` the value reaches (closed below). */
  | { kind: 'bands'; bands: { min: number; score: number }[] }
  /** The value is already a 0–100 score (clamped). */
  | { kind: 'identity' }

export type HealthModelMetric = {
  /** A metric key: a built-in (feature_usage, meeting_minutes, issue_feedback, nps, …) or one posted by the API. */
  metric: string
  /** Weight in percent; a model's weights sum to 100. */
  weight: number
  scoring: MetricScoring
  label?: string
  /** A number-like custom field of the account (`custom.creditUsage`) whose current value is the metric's. */
  field?: string
}

/** Band thresholds, closed below (SPEC R-31): score ≥ healthy → healthy, ≥ watch → watch, else at risk. */
export type HealthBands = { healthy: number; watch: number }

/**
 * Health models (SPEC R-12): weighted metrics with their scoring and the bands. A model may apply to
 * some segments or tiers; the default model applies to the rest. Drafts are edited, backtested
 * and then published; only published models score accounts.
 */
export const healthModels = pgTable(
  'health_models',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    status: text('status').notNull().default('published'),
    /** Which accounts the model scores: `{tiers?: string[], segments?: string[]}`; empty = the default's share. */
    appliesTo: jsonb('applies_to').$type<{ tiers?: string[]; segments?: string[] }>().notNull().default({}),
    metrics: jsonb('metrics').$type<HealthModelMetric[]>().notNull().default([]),
    bands: jsonb('bands').$type<HealthBands>().notNull().default({ healthy: 80, watch: 60 }),
    /** A metric with no value recorded in this many days is missing (renormalised, score incomplete). */
    lookbackDays: integer('lookback_days').notNull().default(90),
    /**
     * The least share (0–1) of the model's weight whose metrics must have a value for the score to get
     * a band; below it the account's health is `insufficient_data`: no band, no alert, no risk.
     */
    minWeightShare: doublePrecision('min_weight_share').notNull().default(0.5),
    publishedAt: tstz('published_at'),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('health_models_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/**
 * Recorded metric values, one row per value and time (`POST /accounts/:id/metrics`, or derived by the
 * worker from meetings, tickets, surveys and usage events). A metric's current value is its newest row.
 */
export const metricValues = pgTable(
  'metric_values',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    metric: text('metric').notNull(),
    value: numeric('value', { precision: 14, scale: 4 }).notNull(),
    at: tstz('at').notNull(),
    /** `api`, `derived` (computed from records), `survey`, `import`, `demo`. */
    source: text('source').notNull().default('api'),
    recordedAt: tstz('recorded_at').notNull().defaultNow(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('metric_values_account_idx').on(t.workspaceId, t.accountId, t.metric, t.at),
  ],
)

/** Product usage events sent by the customer's systems (logins, feature use, active users); idempotent on eventId. */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    type: text('type').notNull(),
    actor: text('actor'),
    feature: text('feature'),
    at: tstz('at').notNull(),
    eventId: text('event_id'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('usage_events_event_key')
      .on(t.workspaceId, t.eventId)
      .where(sql`${t.eventId} is not null`),
    index('usage_events_account_idx').on(t.workspaceId, t.accountId, t.type, t.at),
  ],
)

/**
 * Accounts whose usage events arrived since their derived metrics were last refreshed: one row per account
 * however many events came, `version` bumped by each later batch. The refresh job removes a row only if its
 * version is still the one it read, so a batch that arrives while the job runs is refreshed again.
 */
export const healthRefreshPending = pgTable(
  'health_refresh_pending',
  {
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] })],
)

export type MetricContribution = {
  metric: string
  /** Weight in percent as configured. */
  weight: number
  /** Weight after renormalisation over the metrics that have a value (0 when missing). */
  effectiveWeight: number
  value: number | null
  score: number | null
  /** score × effectiveWeight / 100; the contributions of a snapshot sum to its score. */
  contribution: number | null
  at: string | null
  missing: boolean
}

/** Health score history (SPEC ): every computed score with each metric's value, score and contribution. */
export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    modelId: uuid('model_id').notNull(),
    modelVersion: integer('model_version').notNull().default(1),
    /** Null when the status is `insufficient_data` (too little of the model's weight has data). */
    score: numeric('score', { precision: 5, scale: 2 }),
    band: text('band'),
    /** `scored`, or `insufficient_data` when the metrics with data carry less than the model's minWeightShare. */
    status: text('status').notNull().default('scored'),
    incomplete: boolean('incomplete').notNull().default(false),
    contributions: jsonb('contributions').$type<MetricContribution[]>().notNull().default([]),
    computedAt: tstz('computed_at').notNull(),
    /** Why it was computed: `input` (a metric changed), `nightly`, `manual`, `model` (the model changed), `demo`. */
    reason: text('reason').notNull().default('input'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('health_snapshots_account_idx').on(t.workspaceId, t.accountId, t.computedAt),
  ],
)

/**
 * Governed overrides (SPEC R-27): a person with the permission sets a score with a reason and an
 * expiry; the computed score is kept and shown beside it. Ended (expired, revoked) rows stay as history.
 */
export const healthOverrides = pgTable(
  'health_overrides',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    band: text('band').notNull(),
    reason: text('reason').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    endedAt: tstz('ended_at'),
    endedBy: uuid('ended_by'),
    endReason: text('end_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('health_overrides_active_key')
      .on(t.workspaceId, t.accountId)
      .where(sql`${t.endedAt} is null`),
  ],
)
