import type { FieldDefinition } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { collectionFor } from './import-objects'
import { columnFor, entry, type Prepared } from './import-rows'
import type { MappedColumn } from './import-mapping'
import { findTakenCustomValues } from './import.repository'

/** A stored custom value as unique fields compare it (text); money and lists are not compared. */
const textOf = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null

/**
 * Unique custom fields, as the API checks them on create: a row whose value a live record of the object
 * already has, or an earlier row of the file, is refused on that column (the first occurrence wins).
 */
export async function checkUniqueCustom(
  tx: Executor,
  ctx: Ctx,
  object: string,
  defs: FieldDefinition[],
  mapped: MappedColumn[],
  rows: Prepared[],
): Promise<void> {
  const c = collectionFor(object)
  for (const d of defs.filter((x) => x.unique)) {
    const good = rows.filter((p) => p.data && textOf(p.data.custom?.[d.key]) !== null)
    if (!good.length) continue
    const values = [...new Set(good.map((p) => textOf(p.data!.custom[d.key])!))]
    const taken = await findTakenCustomValues(tx, ctx.ws, c.def.table, c.partitionWhere(), d.key, values)
    const first = new Map<string, number>()
    for (const p of good) {
      const v = textOf(p.data!.custom[d.key])!
      const earlier = first.get(v)
      const why = taken.has(v)
        ? `another record already has ${v}`
        : earlier !== undefined
          ? `row ${earlier} already has ${v}`
          : null
      if (!why) {
        first.set(v, p.row)
        continue
      }
      p.errors.push(entry(p.row, columnFor(mapped, `custom.${d.key}`), why, 'invalid', `custom.${d.key}`))
      p.data = undefined
    }
  }
}
