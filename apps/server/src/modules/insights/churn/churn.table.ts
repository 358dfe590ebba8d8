import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'
import type { ChurnDriver, ChurnModel, ChurnRefusal } from './churn-model'

/**
 * The workspace's churn model (SPEC R-16): the newest training's outcome — trained with its weights and
 * held-out AUC, or refused for too little history with the reason. One row per workspace, replaced by each
 * training.
 */
export const churnModels = pgTable('churn_models', {
  workspaceId: uuid('workspace_id').primaryKey(),
  /** `trained` or `insufficient_history`. */
  status: text('status').notNull(),
  auc: doublePrecision('auc'),
  samples: integer('samples').notNull(),
  reason: text('reason'),
  /** The trained model, or the counts of a refusal. */
  model: jsonb('model').$type<ChurnModel | ChurnRefusal>(),
  trainedAt: tstz('trained_at').notNull(),
})

/** Trainings asked for on demand or by the nightly run: queued → running → done | failed, for the button's progress. */
export const churnTrainings = pgTable(
  'churn_trainings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    status: text('status').notNull(),
    error: text('error'),
    requestedAt: tstz('requested_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('churn_trainings_requested_idx').on(t.workspaceId, t.requestedAt),
  ],
)

/** Every account's churn risk under the current model, written after each training (the list by risk reads it). */
export const churnScores = pgTable(
  'churn_scores',
  {
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    probability: doublePrecision('probability').notNull(),
    drivers: jsonb('drivers').$type<ChurnDriver[]>().notNull().default([]),
    scoredAt: tstz('scored_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId] }),
    index('churn_scores_probability_idx').on(t.workspaceId, t.probability),
  ],
)
