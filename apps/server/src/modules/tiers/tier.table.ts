import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { TierPackage } from '@openkam/contract'
import { tstz } from '../../core/db/columns'

/** The workspace's tier rules (SPEC R-04); the defaults apply while there is no row. */
export const tierRules = pgTable('tier_rules', {
  workspaceId: uuid('workspace_id').primaryKey(),
  strategicMin: numeric('strategic_min', { precision: 18, scale: 2 }).notNull(),
  growthMin: numeric('growth_min', { precision: 18, scale: 2 }).notNull(),
  currency: text('currency').notNull().default('CNY'),
  leaderIsStrategic: boolean('leader_is_strategic').notNull().default(true),
  packages: jsonb('packages').$type<TierPackage[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/**
 * An account's tier inputs beside its spend: the industry-leader flag and a manager's override
 * (kept until cleared; the evaluator never overwrites it). No row: not a leader, no override.
 */
export const accountTiers = pgTable(
  'account_tiers',
  {
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    industryLeader: boolean('industry_leader').notNull().default(false),
    overrideTier: text('override_tier'),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by'),
    overrideAt: tstz('override_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] })],
)

/** Every tier change of an account, with the rule values it was decided by (append-only). */
export const accountTierChanges = pgTable(
  'account_tier_changes',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    fromTier: text('from_tier'),
    toTier: text('to_tier').notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    annualSpend: numeric('annual_spend', { precision: 18, scale: 2 }),
    industryLeader: boolean('industry_leader').notNull().default(false),
    rule: jsonb('rule').$type<{ strategicMin: string; growthMin: string; currency: string }>().notNull(),
    fromPackage: text('from_package'),
    toPackage: text('to_package').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: tstz('changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('account_tier_changes_account_idx').on(t.workspaceId, t.accountId, t.changedAt),
    index('account_tier_changes_at_idx').on(t.workspaceId, t.changedAt),
  ],
)
