import type { ImportObject, ImportReportEntry } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { fieldOf } from './import-access'
import type { NewItem } from './import-items'
import type { MappedColumn } from './import-mapping'
import { collectionFor } from './import-objects'
import { entry, type Prepared } from './import-rows'

type Rec = Record<string, any>
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields the file's columns fill, from a row's payload: what an update of the existing record sends. */
function patchOf(mapped: MappedColumn[], data: Rec): Rec {
  const patch: Rec = {}
  for (const key of new Set(mapped.map((m) => fieldOf(m.field.key)))) {
    if (key.startsWith('custom.')) {
      const k = key.slice('custom.'.length)
      if (data.custom?.[k] !== undefined) patch.custom = { ...patch.custom, [k]: data.custom[k] }
    } else if (data[key] !== undefined) patch[key] = data[key]
  }
  return patch
}

/** The record's values of the patch's fields: what an undo puts back. */
function valuesOf(rec: Rec, patch: Rec): Rec {
  const out: Rec = {}
  for (const key of Object.keys(patch)) {
    if (key === 'custom')
      out.custom = Object.fromEntries(Object.keys(patch.custom).map((k) => [k, rec.custom?.[k] ?? null]))
    else out[key] = rec[key] ?? null
  }
  return out
}

/**
 * onDuplicate `update`: fills each matched existing record's fields from its row, through the object's
 * collection (its checks, reach, audit entry and `<entity>.updated` event), each in a savepoint so that a
 * refused record fails its row only. Records the row would not change are left alone.
 */
export async function updateExisting(
  tx: Executor,
  ctx: Ctx,
  object: ImportObject,
  updates: { p: Prepared; id: string }[],
  mapped: MappedColumn[],
): Promise<{ items: NewItem[]; failed: ImportReportEntry[] }> {
  const c = collectionFor(object)
  const items: NewItem[] = []
  const failed: ImportReportEntry[] = []
  for (const { p, id } of updates) {
    try {
      await tx.transaction(async (sp) => {
        const current = (await c.get(sp, ctx, id)) as Rec
        const patch = patchOf(mapped, p.data!)
        const before = valuesOf(current, patch)
        const changed = Object.keys(patch).filter((k) =>
          k === 'custom'
            ? Object.keys(patch.custom).some((f) => !same(before.custom[f], patch.custom[f]))
            : !same(before[k], patch[k]),
        )
        if (!changed.length) return
        const after = (await c.update(sp, ctx, id, { ...patch, version: current.version })) as Rec
        if (same(valuesOf(after, patch), before)) return
        items.push({ entityId: id, action: 'updated', version: after.version, before })
      })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      failed.push(entry(p.row, undefined, `the existing record ${id} could not be updated: ${err.message}`))
    }
  }
  return { items, failed }
}
