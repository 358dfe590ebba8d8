import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm'
import { auditLog } from '../../core/audit/audit.table'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Import, ImportUndoResult, ImportUndoSkip } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { countItems, markItem, pendingItems, type ImportItem } from './import-items'
import { collectionFor } from './import-objects'
import { findImport, updateImport, type ImportRow } from './import.repository'
import { getImport, withNames } from './import.service'

const BATCH = 200
const SKIP_CAP = 1_000
const running = new Map<string, Promise<Import>>()

export type UndoOptions = {
  /** Imports that touched more records than this are undone after the answer (202), batch by batch. */
  backgroundAbove?: number
  /** Records a batch (one transaction) deals with; 200 by default. */
  batch?: number
}

/** Administrators, and the person who ran the import, may undo it. */
function checkMayUndo(ctx: Ctx, job: ImportRow) {
  const admin = scopeFor(ctx.principal, 'users', 'update') === 'all'
  if (admin || (job.createdBy && job.createdBy === ctx.principal.userId)) return
  throw new AppError(
    'forbidden',
    'forbidden',
    'Only the person who ran an import, or an administrator, may undo it',
  )
}

type Live = { id: string; version: number; deletedAt: Date | null; changedAt?: Date }

/**
 * The records' current version and deletion, straight from the object's table, and when a person (not
 * the system's own handlers — scoring, tiers, routing — reacting to the import) last changed each after
 * the import, from the audit log.
 */
async function current(tx: Executor, ctx: Ctx, job: ImportRow, ids: string[]): Promise<Map<string, Live>> {
  if (!ids.length) return new Map()
  const c = collectionFor(job.object)
  const t = c.def.table as unknown as PgTable & Record<string, AnyPgColumn>
  const rows = (await tx
    .select({ id: t.id!, version: t.version!, deletedAt: t.deletedAt! })
    .from(t)
    .where(and(eq(t.workspaceId!, ctx.ws), inArray(t.id!, ids)))) as Live[]
  const since = job.finishedAt ?? job.updatedAt
  const changes = await tx
    .select({ id: auditLog.entityId, at: sql<string>`max(${auditLog.at})` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, ctx.ws),
        eq(auditLog.entityType, c.def.entity),
        inArray(auditLog.entityId, ids),
        gt(auditLog.at, since),
        ne(auditLog.actorType, 'system'),
      ),
    )
    .groupBy(auditLog.entityId)
  const changedAt = new Map(changes.map((r) => [r.id, new Date(r.at)]))
  return new Map(rows.map((r) => [r.id, { ...r, changedAt: changedAt.get(r.id) }]))
}

/** Why the undo leaves a record alone, or null when it may delete (created) or put back (updated) it. */
function blocker(item: ImportItem, live: Live | undefined): string | null {
  if (!live) return 'the record no longer exists'
  if (item.action === 'created' && live.deletedAt) return 'already deleted since the import'
  if (item.action === 'updated' && live.deletedAt) return 'deleted since the import'
  if (live.changedAt)
    return `changed since the import (last on ${live.changedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC); left as it is`
  return null
}

const emptyResult = (total: number): ImportUndoResult => ({
  total,
  processed: 0,
  deleted: 0,
  restored: 0,
  skipped: 0,
  skippedRecords: [],
  finishedAt: null,
})

/**
 * What undoing the import would do now, changing nothing: records it would delete and put back, and the
 * ones it would leave alone with the reason.
 */
export async function previewUndo(db: Db, ctx: Ctx, id: string): Promise<ImportUndoResult> {
  const job = await visibleImport(db, ctx, id)
  const counts = await countItems(db, ctx.ws, job.id)
  const result = emptyResult(counts.created + counts.updated)
  if (job.undoState === 'undone') return { ...result, ...job.undo! }
  let after = -1
  for (;;) {
    const items = await pendingItems(db, ctx.ws, job.id, 5_000, after)
    if (!items.length) break
    const live = await current(
      db,
      ctx,
      job,
      items.map((i) => i.entityId),
    )
    for (const item of items) {
      const why = blocker(item, live.get(item.entityId))
      result.processed++
      if (why) skip(result, item, why)
      else if (item.action === 'created') result.deleted++
      else result.restored++
    }
    after = items.at(-1)!.seq
    if (items.length < 5_000) break
  }
  return result
}

function skip(result: ImportUndoResult, item: ImportItem, reason: string) {
  result.skipped++
  if (result.skippedRecords.length < SKIP_CAP)
    result.skippedRecords.push({
      entityId: item.entityId,
      action: item.action,
      reason,
    } satisfies ImportUndoSkip)
}

async function visibleImport(db: Db, ctx: Ctx, id: string): Promise<ImportRow> {
  await getImport(db, ctx, id) // 404 unless the person may see it
  const job = await findImport(db, ctx.ws, id)
  if (!job) throw notFound('Import')
  return job
}

/**
 * Undoes an import: the records it created are deleted through their collection (in the trash, restorable;
 * an audit entry and a `<entity>.deleted` event each), and the fields it changed on existing records are
 * put back — unless a record changed since, which is left alone and reported. Works in batches, each its
 * own transaction with the progress saved, so that an interrupted undo resumes where it stopped. Undoing
 * an undone import changes nothing.
 */
export async function undoImport(
  db: Db,
  ctx: Ctx,
  id: string,
  opts: UndoOptions = {},
): Promise<{ record: Import; background: boolean; done: Promise<Import> }> {
  const job = await visibleImport(db, ctx, id)
  checkMayUndo(ctx, job)
  if (job.dryRun || !['done', 'failed'].includes(job.status)) {
    const why = job.dryRun
      ? 'A dry run wrote nothing to undo'
      : 'The import is still running; undo it when it has finished'
    throw new AppError('conflict', 'import_not_undoable', why)
  }
  const name = async (row: ImportRow) => (await withNames(db, ctx.ws, [row]))[0]!
  if (job.undoState === 'undone') {
    const rec = await name(job)
    return { record: rec, background: false, done: Promise.resolve(rec) }
  }
  const inFlight = running.get(job.id)
  if (inFlight) return { record: await name(job), background: true, done: inFlight }
  const counts = await countItems(db, ctx.ws, job.id)
  const total = counts.created + counts.updated
  const start = job.undo ?? emptyResult(total)
  const started = await updateImport(db, ctx.ws, job.id, { undoState: 'undoing', undo: start })
  const done = runUndo(db, ctx, started, start, opts.batch ?? BATCH).finally(() => running.delete(job.id))
  running.set(job.id, done)
  done.catch((err) => console.error(`undo of import ${job.id} stopped:`, err))
  return { record: await name(started), background: total > (opts.backgroundAbove ?? Infinity), done }
}

async function runUndo(
  db: Db,
  ctx: Ctx,
  job: ImportRow,
  start: ImportUndoResult,
  size: number,
): Promise<Import> {
  const c = collectionFor(job.object)
  let result = start
  for (;;) {
    // Counted on a copy: a batch whose transaction fails (and is tried again) counts nothing twice.
    const batch = await db.transaction(async (tx) => {
      const r = { ...result, skippedRecords: [...result.skippedRecords] }
      const items = await pendingItems(tx, ctx.ws, job.id, size)
      const live = await current(
        tx,
        ctx,
        job,
        items.map((i) => i.entityId),
      )
      for (const item of items) {
        r.processed++
        const why = blocker(item, live.get(item.entityId))
        let outcome: 'deleted' | 'restored' | 'skipped' = 'skipped'
        if (why) skip(r, item, why)
        else {
          try {
            // Each in a savepoint: a record the person may not change is reported, the rest go on.
            await tx.transaction(async (sp) => {
              // The version as it is now: the system's own handlers may have moved it since the import.
              const version = live.get(item.entityId)!.version
              if (item.action === 'created') await c.remove(sp, ctx, item.entityId, version)
              else await c.update(sp, ctx, item.entityId, { ...item.before, version })
            })
            outcome = item.action === 'created' ? 'deleted' : 'restored'
            if (outcome === 'deleted') r.deleted++
            else r.restored++
          } catch (err) {
            if (!(err instanceof AppError)) throw err
            skip(r, item, err.message)
          }
        }
        await markItem(tx, ctx.ws, job.id, item.seq, outcome)
      }
      if (items.length) await updateImport(tx, ctx.ws, job.id, { undo: r })
      return { r, last: items.length < size }
    })
    result = batch.r
    if (batch.last) break
  }
  result = { ...result, finishedAt: new Date().toISOString() }
  const row = await updateImport(db, ctx.ws, job.id, { undoState: 'undone', undo: result })
  return (await withNames(db, ctx.ws, [row]))[0]!
}
