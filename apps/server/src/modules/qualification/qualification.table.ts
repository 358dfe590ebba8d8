import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export type IcpTarget =
  { kind: 'values'; values: string[] } | { kind: 'range'; min?: number | null; max?: number | null }
export type IcpDimension = {
  field: string
  label?: string
  /** Custom fields only: `number` (a range) or `text` (values); omitted, the target's kind decides. */
  valueType?: 'number' | 'text'
  target: IcpTarget
  weight: number
}
export type IcpDimensionResult = {
  field: string
  label: string | null
  weight: number
  result: 'match' | 'miss' | 'unknown'
  value: unknown
}

/** ICP definitions (SPEC R-01): target values per account field with an importance weight. */
export const icps = pgTable(
  'icps',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    dimensions: jsonb('dimensions').$type<IcpDimension[]>().notNull().default([]),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('icps_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** Each account's fit to each active ICP, with the dimensions that match, miss or are unknown. */
export const accountIcpFits = pgTable(
  'account_icp_fits',
  {
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    icpId: uuid('icp_id').notNull(),
    fit: numeric('fit', { precision: 5, scale: 2 }).notNull(),
    incomplete: boolean('incomplete').notNull().default(false),
    details: jsonb('details').$type<IcpDimensionResult[]>().notNull().default([]),
    icpVersion: integer('icp_version').notNull(),
    computedAt: tstz('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.icpId] }),
    index('account_icp_fits_icp_idx').on(t.workspaceId, t.icpId, t.fit),
  ],
)

export type ScoringDimension = { key: string; label: string; weight: number; rubric: string[] }
export type PotentialBands = { A: number; B: number }

/** Potential scoring models (SPEC R-02): weighted 1–5 dimensions with a rubric per level, class bands. */
export const scoringModels = pgTable(
  'scoring_models',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    dimensions: jsonb('dimensions').$type<ScoringDimension[]>().notNull().default([]),
    bands: jsonb('bands').$type<PotentialBands>().notNull().default({ A: 4, B: 3 }),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('scoring_models_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

export type PotentialContribution = {
  dimension: string
  label: string | null
  weight: number
  score: number
  contribution: number
}

/** Every potential score given to an account (append-only history: who, when, why, model version). */
export const potentialScores = pgTable(
  'potential_scores',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    modelId: uuid('model_id').notNull(),
    modelVersion: integer('model_version').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    contributions: jsonb('contributions').$type<PotentialContribution[]>().notNull(),
    total: numeric('total', { precision: 4, scale: 2 }).notNull(),
    potentialClass: text('class').notNull(),
    note: text('note'),
    scoredBy: uuid('scored_by'),
    scoredAt: tstz('scored_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('potential_scores_account_idx').on(t.workspaceId, t.accountId, t.scoredAt),
  ],
)

export type SizeThresholds = {
  basis: 'employees' | 'revenue'
  large: { employees: number; revenue: number }
  growth: { employees: number; revenue: number }
}
export type SegmentCellSetting = { strategy?: string; serviceLevel?: string }

/** The segmentation settings of a workspace (SPEC R-03): size thresholds, strategy and service per cell. */
export const segmentSettings = pgTable('segment_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  thresholds: jsonb('thresholds').$type<SizeThresholds>().notNull(),
  cells: jsonb('cells').$type<Record<string, SegmentCellSetting>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  template: text('template'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})
