import { index, jsonb, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'
import type { GapRules } from './gaps'

/**
 * A workspace's decision-map settings: per buying role, the approach and the material to use, and
 * the thresholds of the gap rules that differ from the defaults (`{}` / null: the defaults).
 */
export const decisionMapPlaybooks = pgTable('decision_map_playbooks', {
  workspaceId: uuid('workspace_id').primaryKey(),
  roles: jsonb('roles').$type<Record<string, { approach: string; materials: string[] }>>().notNull(),
  gapRules: jsonb('gap_rules').$type<Partial<GapRules>>(),
  gapRulesUpdatedAt: tstz('gap_rules_updated_at'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
})

/** A deal's own buying committee: the contacts of its account who decide this deal. */
export const opportunityCommitteeMembers = pgTable(
  'opportunity_committee_members',
  {
    workspaceId: uuid('workspace_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    addedAt: tstz('added_at').notNull().defaultNow(),
    addedBy: uuid('added_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.opportunityId, t.contactId] }),
    index('opportunity_committee_contact_idx').on(t.workspaceId, t.contactId),
  ],
)
