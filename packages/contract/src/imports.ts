import { z } from 'zod'
import { Id, RecordBase, Timestamp } from './common'

/** The built-in objects the importer takes; a workspace's custom objects are importable too (by key). */
export const importObjects = ['accounts', 'contacts', 'activities', 'leads'] as const
export const importModes = ['all_or_nothing', 'valid_rows'] as const
export const importStatuses = ['pending', 'validating', 'importing', 'done', 'failed'] as const
export const importDuplicateActions = ['report', 'skip', 'update'] as const
/** How an import was started: the web's import dialog, the API (a token or a script), or `openkam import`. */
export const importChannels = ['web', 'api', 'cli'] as const
export const importUndoStates = ['undoing', 'undone'] as const
export const importFormats = ['csv', 'xlsx'] as const

export const BuiltinImportObject = z.enum(importObjects)
export type BuiltinImportObject = z.infer<typeof BuiltinImportObject>
/** What an import fills: a built-in object, or a custom object's key (checked against the workspace). */
export const ImportObject = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'at most 64 characters')
  .describe(`${importObjects.join(', ')}, or the key of one of the workspace's custom objects (GET /objects)`)
export type ImportObject = z.infer<typeof ImportObject>
export type ImportMode = (typeof importModes)[number]
export type ImportStatus = (typeof importStatuses)[number]
export type ImportFormat = (typeof importFormats)[number]

const count = z.number().int().min(0)

/** One line of an import's report: which row (1-based, header = row 1), which column, and why. */
export const ImportReportEntry = z
  .object({
    row: z.number().int().min(1),
    column: z.string().nullable().describe("the file's column header; null when the row itself is at fault"),
    field: z.string().nullable().describe('the field the column maps to'),
    message: z.string(),
    kind: z.enum(['invalid', 'duplicate']),
  })
  .meta({ id: 'ImportReportEntry' })
export type ImportReportEntry = z.infer<typeof ImportReportEntry>

/** Column header → field name; a null or empty field ignores the column. */
export const ImportMapping = z
  .record(z.string(), z.string().nullable())
  .describe('column header → field name (null or "" ignores the column)')

const options = {
  object: ImportObject,
  mapping: ImportMapping.optional(),
  mode: z
    .enum(importModes)
    .default('all_or_nothing')
    .describe('all_or_nothing: any bad row refuses the file; valid_rows: write the good rows'),
  onDuplicate: z
    .enum(importDuplicateActions)
    .default('report')
    .describe(
      'report: a duplicate is an error in all_or_nothing mode; skip: skip and count it; update: fill the ' +
        "existing record's fields from the file's mapped columns (a duplicate within the file is skipped)",
    ),
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'a saved mapping (GET /import-mappings) by id or name whose mapping to use; without it, a saved mapping ' +
        "of the object with the file's exact set of column headers is used when one exists",
    ),
  dryRun: z.boolean().default(false).describe('validate and report only; write nothing'),
}

/** The JSON variant of POST /imports: the file travels as CSV text or base64 (xlsx or csv). */
export const ImportJsonRequest = z
  .object({
    ...options,
    fileName: z.string().trim().min(1).max(255).optional(),
    content: z.string().optional().describe('CSV text'),
    contentBase64: z.string().optional().describe('the file (xlsx or csv) in base64'),
  })
  .strict()
  .refine((b) => (b.content === undefined) !== (b.contentBase64 === undefined), {
    message: 'send the file as content (CSV text) or contentBase64, one of them',
    path: ['content'],
  })
  .meta({ id: 'ImportJsonRequest' })

/** The text fields of the multipart variant (beside the `file` part). */
export const ImportFormFields = z
  .object({
    object: ImportObject,
    mapping: z.string().optional().describe('JSON: column header → field name'),
    mode: options.mode,
    onDuplicate: options.onDuplicate,
    dryRun: z.enum(['true', 'false']).default('false'),
    source: options.source,
  })
  .strict()

/** A record the undo left as it is, and why. */
export const ImportUndoSkip = z
  .object({
    entityId: Id,
    action: z.enum(['created', 'updated']).describe('what the import did to it'),
    reason: z.string(),
  })
  .meta({ id: 'ImportUndoSkip' })
export type ImportUndoSkip = z.infer<typeof ImportUndoSkip>

/** What undoing an import did (or, for the preview, would do). */
export const ImportUndoResult = z
  .object({
    total: count.describe('records the import created or updated'),
    processed: count.describe('of them, looked at so far'),
    deleted: count.describe('records the import created, now deleted (in the trash, restorable)'),
    restored: count.describe('existing records whose fields were put back to their values before the import'),
    skipped: count,
    skippedRecords: z.array(ImportUndoSkip).describe('the first 1,000 records left alone, with the reason'),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ImportUndoResult' })
export type ImportUndoResult = z.infer<typeof ImportUndoResult>

export const Import = RecordBase.extend({
  object: ImportObject,
  fileName: z.string(),
  format: z.enum(importFormats),
  mode: z.enum(importModes),
  onDuplicate: z.enum(importDuplicateActions),
  dryRun: z.boolean(),
  status: z.enum(importStatuses),
  columns: z
    .array(z.object({ column: z.string(), field: z.string().nullable() }))
    .describe('how each column of the file was mapped; field null = ignored'),
  total: count.describe('data rows in the file'),
  processed: count.describe('rows validated so far'),
  valid: count.describe('rows that passed validation and de-duplication'),
  created: count,
  updated: count.describe('existing records whose fields the import changed (onDuplicate update)'),
  skippedDuplicates: count,
  failed: count.describe('rows refused'),
  errorCount: count.describe('entries in the full report; `errors` holds the first 1,000'),
  errors: z.array(ImportReportEntry),
  message: z.string().nullable().describe('the outcome in words, or why the import failed'),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  channel: z.enum(importChannels),
  sourceId: Id.nullable().describe('the saved mapping whose columns the import used'),
  sourceName: z.string().nullable().describe("the saved mapping's name when the import ran"),
  createdByName: z.string().nullable().describe('who ran the import'),
  undoState: z.enum(importUndoStates).nullable().describe('null: not undone'),
  undo: ImportUndoResult.nullable().describe('the outcome of the undo so far'),
}).meta({ id: 'Import' })
export type Import = z.infer<typeof Import>

export const ImportListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100, 'at most 100').default(20),
    cursor: Id.optional().describe('nextCursor of the previous page'),
    object: ImportObject.optional(),
    status: z.enum(importStatuses).optional(),
  })
  .strict()

/** A saved column mapping: how one source's files map to an object's fields, applied to its next file. */
const mappingName = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters')
const headerList = z.array(z.string().max(200)).max(500, 'at most 500 columns')
export const ImportMappingSourceCreate = z
  .object({
    name: mappingName.describe('the source, e.g. "Salesforce accounts"'),
    object: ImportObject,
    headers: headerList
      .optional()
      .describe(
        "the file's column headers: a file with the same set gets this mapping (default: the mapping's)",
      ),
    mapping: ImportMapping,
  })
  .strict()
  .meta({ id: 'ImportMappingSourceCreate' })
export type ImportMappingSourceCreate = z.input<typeof ImportMappingSourceCreate>
export const ImportMappingSourceUpdate = z
  .object({
    name: mappingName.optional(),
    headers: headerList.optional(),
    mapping: ImportMapping.optional(),
    version: z.number().int(),
  })
  .strict()
  .meta({ id: 'ImportMappingSourceUpdate' })
export type ImportMappingSourceUpdate = z.input<typeof ImportMappingSourceUpdate>
export const ImportMappingSource = RecordBase.extend({
  name: z.string(),
  object: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
}).meta({ id: 'ImportMappingSource' })
export type ImportMappingSource = z.infer<typeof ImportMappingSource>

/** The columns of a file before it is imported: how each would map, and from where. */
export const ImportPreview = z
  .object({
    fileName: z.string(),
    format: z.enum(importFormats),
    total: count.describe('data rows in the file'),
    headers: z.array(z.string()),
    source: z
      .object({ id: Id, name: z.string() })
      .nullable()
      .describe('the saved mapping applied (chosen, or matched by the set of headers)'),
    columns: z.array(
      z.object({
        column: z.string(),
        field: z.string().nullable(),
        from: z.enum(['saved', 'given', 'guess']).nullable().describe('where the field came from'),
      }),
    ),
    fields: z
      .array(z.object({ key: z.string(), required: z.boolean() }))
      .describe('the fields a column may fill'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: 'ImportPreview' })
export type ImportPreview = z.infer<typeof ImportPreview>
