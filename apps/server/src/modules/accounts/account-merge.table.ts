import { index, jsonb, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * One merge of two accounts: the merged account (soft-deleted) points at the survivor it went into, so
 * an old link, an import or a report can follow it, and both histories stay readable.
 */
export const accountMerges = pgTable(
  'account_merges',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    /** The fields whose value came from the merged account. */
    fields: jsonb('fields').$type<string[]>().notNull().default([]),
    /** Rows moved per kind of child (contacts, opportunities, custom relations, …). */
    moved: jsonb('moved').$type<Record<string, number>>().notNull().default({}),
    mergedBy: uuid('merged_by'),
    mergedAt: tstz('merged_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('account_merges_survivor_idx').on(t.workspaceId, t.survivorId),
    index('account_merges_merged_idx').on(t.workspaceId, t.mergedId),
  ],
)
