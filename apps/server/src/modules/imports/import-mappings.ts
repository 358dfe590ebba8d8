import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
import type { ImportMappingSource } from '@openkam/contract'
import { scopeFor, type Action, type Scope } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { normalize } from './import-fields'
import { importObjectProblem } from './import-objects'
import { importMappings } from './import.table'
import { loadDefinitions } from '../fields'
import { importFields, isBuiltinImport } from './builtin-import-fields'
import { customImportFields, recordImportFields } from './import-custom'

type Row = Record<string, any>

/** The fields a column of the object may fill (as the importer takes them). */
async function fieldsOf(tx: Executor, ws: string, object: string): Promise<Set<string>> {
  const defs = (await loadDefinitions(tx, ws)).get(object) ?? []
  const builtin = isBuiltinImport(object)
  const custom = customImportFields(defs, { customObject: !builtin })
  const base = isBuiltinImport(object) ? importFields[object] : recordImportFields
  return new Set([...base, ...custom].map((f) => f.key))
}

/**
 * A file's set of column headers as one key: normalized (case, spaces and punctuation ignored), without
 * empty ones, sorted — so the same source's next file matches whatever the order of its columns.
 * @example headerKey(['Account Name', 'tier']) === headerKey(['TIER', 'account_name']) // true
 */
export const headerKey = (headers: string[]) =>
  [...new Set(headers.map(normalize).filter(Boolean))].sort().join('\n')

const toRecord = (r: Row): ImportMappingSource => ({
  ...baseRecord(r),
  name: r.name,
  object: r.object,
  headers: r.headers ?? [],
  mapping: r.mapping ?? {},
})

/** Whether the person manages the workspace (administrators): they may change or delete anyone's mapping. */
const manages = (ctx: Ctx) => scopeFor(ctx.principal, 'users', 'update') === 'all'

/**
 * Saved mappings are shared in the workspace (a source's files look alike whoever imports them): everyone
 * reads them, saves their own, and changes or deletes their own (administrators: anyone's).
 */
class ImportMappingCollection extends Collection<ImportMappingSource, any, any> {
  override scope(ctx: Ctx, action: Action): Scope {
    if (action === 'read') return 'all'
    if ((action === 'update' || action === 'delete') && manages(ctx)) return 'all'
    return 'own'
  }
}

export const importMappingCollection = new ImportMappingCollection({
  name: 'import-mappings',
  entity: 'import_mapping',
  label: 'Import mapping',
  table: importMappings,
  toRecord,
  toColumns: (input) => {
    const cols: Row = {}
    if (input.name !== undefined) cols.name = input.name
    if (input.object !== undefined) cols.object = input.object
    if (input.mapping !== undefined) cols.mapping = input.mapping
    if (input.headers !== undefined) {
      cols.headers = input.headers
      cols.headerKey = headerKey(input.headers)
    }
    return cols
  },
  derive: (patch, before) =>
    // Headers left out: the mapping's own columns are the source's headers.
    !before && patch.headers === undefined
      ? { headers: Object.keys(patch.mapping ?? {}), headerKey: headerKey(Object.keys(patch.mapping ?? {})) }
      : {},
  async validate(tx, ctx, c, before) {
    const errors: FieldError[] = []
    const problem = await importObjectProblem(tx, ctx.ws, c.object)
    if (problem) errors.push({ path: 'object', message: problem })
    if (!Object.keys(c.mapping ?? {}).length)
      errors.push({ path: 'mapping', message: 'map at least one column' })
    else if (!problem) {
      const fields = await fieldsOf(tx, ctx.ws, c.object)
      for (const [header, key] of Object.entries(c.mapping as Record<string, string | null>)) {
        if (key && !fields.has(key))
          errors.push({ path: `mapping.${header}`, message: `"${key}" is not a field of ${c.object}` })
      }
    }
    const [twin] = await tx
      .select({ id: importMappings.id })
      .from(importMappings)
      .where(
        and(
          eq(importMappings.workspaceId, ctx.ws),
          isNull(importMappings.deletedAt),
          eq(importMappings.object, c.object),
          sql`lower(${importMappings.name}) = lower(${c.name})`,
          before ? sql`${importMappings.id} <> ${before.id}` : undefined,
        ),
      )
    if (twin) errors.push({ path: 'name', message: `a mapping of ${c.object} is already named "${c.name}"` })
    return errors
  },
  sortable: {
    name: { column: importMappings.name, kind: 'string' },
    updatedAt: { column: importMappings.updatedAt, kind: 'date' },
  },
  filterable: {
    object: { column: importMappings.object, kind: 'string' },
    ownerId: { column: importMappings.ownerId, kind: 'uuid' },
  },
  search: [importMappings.name],
  defaultSort: 'name',
})

export type SavedMapping = { id: string; name: string; mapping: Record<string, string | null> }

/**
 * The saved mapping an import of `object` uses: the one named by `source` (id or name, any case; 400 when
 * there is none), else the newest one saved for the file's exact set of headers, else none.
 */
export async function findSavedMapping(
  tx: Executor,
  ws: string,
  object: string,
  headers: string[],
  source?: string,
): Promise<SavedMapping | null> {
  const m = importMappings
  const cols = { id: m.id, name: m.name, mapping: m.mapping }
  const live = and(eq(m.workspaceId, ws), isNull(m.deletedAt), eq(m.object, object))
  if (source) {
    const byName = sql`lower(${m.name}) = lower(${source.trim()})`
    const [r] = await tx
      .select(cols)
      .from(m)
      .where(and(live, isUuid(source) ? or(eq(m.id, source), byName) : byName))
    if (r) return r
    const message = `no saved mapping of ${object} is named "${source}" (GET /import-mappings?object=${object})`
    throw new AppError('invalid', 'invalid_input', message, { errors: [{ path: 'source', message }] })
  }
  const key = headerKey(headers)
  if (!key) return null
  const [r] = await tx
    .select(cols)
    .from(m)
    .where(and(live, eq(m.headerKey, key)))
    .orderBy(desc(m.updatedAt))
    .limit(1)
  return r ?? null
}

/**
 * The mapping an import applies: the saved one's columns the file has (in front of the importer's own
 * guess), then the ones the request names (which win).
 */
export function combineMappings(
  headers: string[],
  saved: SavedMapping | null,
  given: Record<string, string | null> | undefined,
): Record<string, string | null> | undefined {
  if (!saved) return given
  const present = new Set(headers.map(normalize))
  const fromSaved = Object.fromEntries(
    Object.entries(saved.mapping).filter(([h]) => present.has(normalize(h))),
  )
  return { ...fromSaved, ...given }
}
