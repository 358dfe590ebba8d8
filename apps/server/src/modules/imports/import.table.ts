import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { ImportReportEntry, ImportUndoResult } from '@openkam/contract'
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
    updated: integer('updated').notNull().default(0),
    skippedDuplicates: integer('skipped_duplicates').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').$type<ImportReportEntry[]>().notNull().default([]),
    message: text('message'),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
    channel: text('channel').notNull().default('api'),
    sourceId: uuid('source_id'),
    sourceName: text('source_name'),
    undoState: text('undo_state'),
    undo: jsonb('undo').$type<ImportUndoResult>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('imports_owner_idx').on(t.workspaceId, t.ownerId, t.id),
    index('imports_status_idx').on(t.workspaceId, t.status),
  ],
)

/**
 * What an import did to each record: `created` it, or `updated` it (with the fields' values before, in the
 * API's shape); `version` is the record's version right after, so that an undo can tell a record changed
 * since. `undone` marks the records an undo has dealt with (an undo resumes after the last one).
 */
export const importItems = pgTable(
  'import_items',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    seq: integer('seq').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').$type<'created' | 'updated'>().notNull(),
    version: integer('version').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    undone: text('undone').$type<'deleted' | 'restored' | 'skipped'>(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.seq] })],
)

/** Saved column mappings: a source's column headers and the fields they fill, for its next file. */
export const importMappings = pgTable(
  'import_mappings',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    object: text('object').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    /** The normalized, sorted set of headers: files with the same set get this mapping. */
    headerKey: text('header_key').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('import_mappings_headers_idx').on(t.workspaceId, t.object, t.headerKey),
  ],
)
