import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Import, ImportMode, ImportObject } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { AppError, notFound } from '../../core/errors'
import { iso } from '../../core/crud/mapping'
import { isUuid, newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { parseFile, type ParsedFile } from './import-file'
import { resolveMapping, type MappedColumn } from './import-mapping'
import { customImportFields } from './import-custom'
import { loadDefinitions } from '../fields'
import { validateRows } from './import-validate'
import { writeRows } from './import-write'
import { checkImportable, collectionFor } from './import-objects'
import { checkWritableColumns } from './import-access'
import { isBuiltinImport } from './builtin-import-fields'
import {
  analyze,
  failStaleImports,
  findImport,
  insertImport,
  listImports,
  updateImport,
  type ImportRow,
} from './import.repository'
import { imports } from './import.table'
import { recordItems, type NewItem } from './import-items'
import { updateExisting } from './import-update'
import { combineMappings, findSavedMapping } from './import-mappings'
import { userTables } from '../users'
import './import.events'

export type ImportRequest = {
  object: ImportObject
  fileName: string
  content: Buffer
  mapping?: Record<string, string | null>
  mode: ImportMode
  onDuplicate: 'report' | 'skip' | 'update'
  dryRun: boolean
  /** A saved mapping by id or name (else one matching the file's headers is used, when there is one). */
  source?: string
  /** Where the import came from; by default the web for a signed-in person, the API for a token. */
  channel?: Import['channel']
}

export type StartOptions = {
  /** Files with more data rows than this run on after `startImport` returns (the route answers 202). */
  backgroundAbove?: number
  /** Called whenever the import record changes (progress, outcome). */
  onProgress?: (rec: Import) => void
}

const REPORT_CAP = 1_000
const ANALYZE_FROM = 1_000
const STALE_MS = 15 * 60 * 1000
const running = new Set<Promise<unknown>>()

/** Resolves once every import running in this process has finished (used on shutdown). */
export const settleImports = async () => {
  await Promise.allSettled([...running])
}

export const toImport = (r: ImportRow, createdByName: string | null = null): Import => ({
  ...r,
  createdByName,
  channel: r.channel as Import['channel'],
  undoState: r.undoState as Import['undoState'],
  object: r.object as Import['object'],
  format: r.format as Import['format'],
  mode: r.mode as Import['mode'],
  onDuplicate: r.onDuplicate as Import['onDuplicate'],
  status: r.status as Import['status'],
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: iso(r.deletedAt),
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
})

/**
 * Starts an import: checks the object (a built-in one, or a custom object of the workspace) and the right
 * to create its records, reads the file and maps its columns (problems there refuse the request with
 * 400), records the import and runs it. Small files are
 * finished when `done` resolves; the caller decides whether to wait (`background` says what it should do).
 */
export async function startImport(db: Db, ctx: Ctx, req: ImportRequest, opts: StartOptions = {}) {
  await checkImportable(db, ctx.ws, req.object)
  if (scopeFor(ctx.principal, req.object, 'create') === 'none') {
    const why = `Your role may not create ${req.object}, so it may not import them`
    throw new AppError('forbidden', 'forbidden', why)
  }
  const file = await parseFile(req.content, req.fileName)
  const defs = (await loadDefinitions(db, ctx.ws)).get(req.object) ?? []
  const custom = customImportFields(defs, { customObject: !isBuiltinImport(req.object) })
  // A saved mapping of the same source goes in front of the importer's own guess; the request's wins.
  const saved = await findSavedMapping(db, ctx.ws, req.object, file.headers, req.source)
  const m = resolveMapping(
    req.object,
    file.headers,
    combineMappings(file.headers, saved, req.mapping),
    custom,
  )
  if (m.errors.length) {
    const why = `The columns cannot be mapped: ${m.errors[0]!.message}`
    throw new AppError('invalid', 'invalid_mapping', why, { errors: m.errors })
  }
  checkWritableColumns(ctx, req.object, m.mapped)
  const now = new Date()
  const row = await insertImport(db, {
    id: newId(),
    workspaceId: ctx.ws,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.principal.userId,
    ownerId: ctx.principal.userId,
    object: req.object,
    fileName: req.fileName,
    format: file.format,
    mode: req.mode,
    onDuplicate: req.onDuplicate,
    dryRun: req.dryRun,
    status: 'validating',
    columns: m.columns,
    total: file.rows.length,
    startedAt: now,
    channel: req.channel ?? (ctx.principal.kind === 'user' ? 'web' : 'api'),
    sourceId: saved?.id ?? null,
    sourceName: saved?.name ?? null,
  })
  const done = runImport(db, ctx, row, file, m.mapped, req, opts.onProgress)
  running.add(done)
  // Background imports have nobody awaiting them: a failure to even record the failure is logged here.
  done.then(
    () => running.delete(done),
    (err) => {
      running.delete(done)
      console.error(`import ${row.id} could not record its outcome:`, err)
    },
  )
  return { record: toImport(row), background: file.rows.length > (opts.backgroundAbove ?? Infinity), done }
}

async function runImport(
  db: Db,
  ctx: Ctx,
  job: ImportRow,
  file: ParsedFile,
  mapped: MappedColumn[],
  req: ImportRequest,
  onProgress?: (rec: Import) => void,
): Promise<Import> {
  const save = async (
    patch: Parameters<typeof updateImport>[3],
    tx: Parameters<typeof updateImport>[0] = db,
  ) => {
    const rec = toImport(await updateImport(tx, ctx.ws, job.id, patch))
    onProgress?.(rec)
    return rec
  }
  try {
    const v = await validateRows(db, ctx, req.object, file, mapped, {
      mode: req.mode,
      onDuplicate: req.onDuplicate,
      progress: async (processed) => void (await save({ processed })),
    })
    const counts = {
      processed: job.total,
      valid: v.accepted.length + v.updates.length,
      failed: v.failed,
      skippedDuplicates: v.skippedDuplicates,
      errorCount: v.report.length,
      errors: v.report.slice(0, REPORT_CAP),
    }
    const finished = { ...counts, finishedAt: new Date() }
    const refused = `${v.failed} of ${job.total} rows were refused`
    if (req.dryRun) {
      return await save({
        ...finished,
        status: 'done',
        message: `Dry run: ${v.accepted.length} of ${job.total} rows would be imported${v.updates.length ? `, ${v.updates.length} would update existing records` : ''}${v.failed ? `; ${refused}` : ''}. Nothing was written.`,
      })
    }
    if (req.mode === 'all_or_nothing' && v.failed > 0) {
      return await save({
        ...finished,
        status: 'failed',
        message: `${refused}; nothing was imported. Correct them (see errors), or import the valid rows only (mode valid_rows; --valid-rows on the command line).`,
      })
    }
    await save({ status: 'importing', processed: job.total })
    const rec = await db.transaction(async (tx) => {
      // Existing records first (onDuplicate update): a refused one fails its row, and the counts follow.
      const upd = await updateExisting(tx, ctx, req.object, v.updates, mapped)
      const failed = v.failed + upd.failed.length
      const nowRefused = `${failed} of ${job.total} rows were refused`
      if (req.mode === 'all_or_nothing' && upd.failed.length) {
        throw new AppError(
          'invalid',
          'invalid_input',
          `${nowRefused}; nothing was imported. ${upd.failed[0]!.message}`,
        )
      }
      const ids =
        v.accepted.length || upd.items.length
          ? await writeRows(tx, ctx, req.object, v.accepted, {
              importId: job.id,
              fileName: job.fileName,
              failed,
              skippedDuplicates: v.skippedDuplicates,
              updated: upd.items.length,
            })
          : []
      const items: NewItem[] = [
        ...ids.map((id) => ({ entityId: id, action: 'created' as const, version: 1 })),
        ...upd.items,
      ]
      await recordItems(tx, ctx.ws, job.id, items)
      const created = ids.length
      const updated = upd.items.length
      const skipped = v.skippedDuplicates ? `, ${v.skippedDuplicates} duplicates skipped` : ''
      const changed = updated ? `, ${updated} existing updated` : ''
      const report = [...v.report, ...upd.failed].sort((a, b) => a.row - b.row)
      return save(
        {
          ...finished,
          failed,
          errorCount: report.length,
          errors: report.slice(0, REPORT_CAP),
          finishedAt: new Date(),
          created,
          updated,
          status: created === 0 && updated === 0 && failed > 0 ? 'failed' : 'done',
          message: `${created} ${req.object} imported${changed}${skipped}${failed ? `; ${nowRefused}` : ''}.`,
        },
        tx,
      )
    })
    // Statistics too stale for the new size would make the next lookups plan badly; best effort only.
    if (rec.created >= ANALYZE_FROM)
      await analyze(db, collectionFor(req.object).def.table).catch(() => undefined)
    return rec
  } catch (err) {
    const known = err instanceof AppError
    if (!known) console.error(`import ${job.id} failed:`, err)
    const cause = (err as { cause?: { code?: string } }).cause
    const message = known
      ? err.message
      : cause?.code === '23505'
        ? 'Another change created the same record meanwhile (a unique value is taken); nothing was imported. Run the import again.'
        : 'The import stopped on an unexpected error (it has been logged); nothing was imported.'
    return save({ status: 'failed', message, finishedAt: new Date() })
  }
}

/** Who sees an import: its owner under `own`, their team under `team`, everyone under `all`. */
function visible(ctx: Ctx): SQL | undefined {
  const scope = scopeFor(ctx.principal, 'imports', 'read')
  if (scope === 'all') return undefined
  if (scope === 'none') return sql`false`
  const ids = scope === 'own' ? [ctx.principal.userId ?? ''] : ctx.principal.teamUserIds
  return ids.length ? inArray(imports.ownerId, ids) : sql`false`
}

const staleBefore = () => new Date(Date.now() - STALE_MS)

export async function getImport(db: Db, ctx: Ctx, id: string): Promise<Import> {
  if (!isUuid(id)) throw notFound('Import')
  await failStaleImports(db, ctx.ws, staleBefore())
  const row = await findImport(db, ctx.ws, id, visible(ctx))
  if (!row) throw notFound('Import')
  return (await withNames(db, ctx.ws, [row]))[0]!
}

/** Imports with the name of the person who ran each. */
export async function withNames(db: Executor, ws: string, rows: ImportRow[]): Promise<Import[]> {
  const ids = [...new Set(rows.map((r) => r.createdBy).filter((x): x is string => !!x))]
  const u = userTables.users
  const names = ids.length
    ? await db
        .select({ id: u.id, name: u.name })
        .from(u)
        .where(and(eq(u.workspaceId, ws), inArray(u.id, ids)))
    : []
  const byId = new Map(names.map((n) => [n.id, n.name]))
  return rows.map((r) => toImport(r, r.createdBy ? (byId.get(r.createdBy) ?? null) : null))
}

export async function listImportsFor(
  db: Db,
  ctx: Ctx,
  q: { limit: number; cursor?: string; object?: string; status?: string },
) {
  await failStaleImports(db, ctx.ws, staleBefore())
  const rows = await listImports(db, ctx.ws, q, visible(ctx))
  const more = rows.length > q.limit
  const page = more ? rows.slice(0, q.limit) : rows
  return { data: await withNames(db, ctx.ws, page), nextCursor: more ? page.at(-1)!.id : null }
}
