import { date, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const opportunities = pgTable(
  'opportunities',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    name: text('name').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    stage: text('stage').notNull().default('discovery'),
    status: text('status').notNull().default('open'),
    type: text('type'),
    probability: integer('probability'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    wonAt: tstz('won_at'),
    lostAt: tstz('lost_at'),
    lossReason: text('loss_reason'),
    /** Set by the close endpoint when the deal is won (one of the pipeline's win reasons). */
    winReason: text('win_reason'),
    /** The note given when the deal was closed. */
    closeNote: text('close_note'),
    source: text('source'),
    description: text('description'),
    /** The pipeline the deal follows; null: the workspace's default pipeline. */
    pipelineId: uuid('pipeline_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opportunities_account_idx').on(t.workspaceId, t.accountId),
    index('opportunities_owner_idx').on(t.workspaceId, t.ownerId, t.status),
    index('opportunities_stage_idx').on(t.workspaceId, t.status, t.stage),
    index('opportunities_close_idx').on(t.workspaceId, t.expectedCloseDate),
    index('opportunities_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/**
 * Every stage an opportunity entered, with when, who and how (the source of the funnel, days per stage
 * and the forecast's history). `fromStage` is null for the first stage; `direction` says whether the move
 * went forward, backward, or was the first; `waivers` are the deliverables waived for a forward move.
 */
export const opportunityStageChanges = pgTable(
  'opportunity_stage_changes',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    direction: text('direction').notNull(),
    changedAt: tstz('changed_at').notNull(),
    changedBy: uuid('changed_by'),
    waivers: jsonb('waivers').$type<{ deliverable: string; reason: string }[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opp_stage_changes_opp_idx').on(t.workspaceId, t.opportunityId, t.changedAt),
    index('opp_stage_changes_at_idx').on(t.workspaceId, t.changedAt),
  ],
)
