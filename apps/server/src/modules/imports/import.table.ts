import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import type { ImportReportEntry } from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'

/** Import jobs: one row per file, with its progress, counts and (capped) report. */
export const imports = pgTable(
  'imports',
  {
    ...businessColumns(),
    object: text('object').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    mode: text('mode').notNull(),
    onDuplicate: text('on_duplicate').notNull().default('report'),
    dryRun: boolean('dry_run').notNull().default(false),
    status: text('status').notNull(),
    columns: jsonb('columns').$type<{ column: string; field: string | null }[]>().notNull().default([]),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    valid: integer('valid').notNull().default(0),
    created: integer('created').notNull().default(0),
    skippedDuplicates: integer('skipped_duplicates').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').$type<ImportReportEntry[]>().notNull().default([]),
    message: text('message'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('imports_owner_idx').on(t.workspaceId, t.ownerId, t.id),
    index('imports_status_idx').on(t.workspaceId, t.status),
  ],
)
