import { sql } from 'drizzle-orm'
import type { FieldDefinitionCreate } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import { forgetDefinitions, loadDefinitions, toDefinition } from './field-cache'
import { insertDefinitionRow, setIndexStatus } from './field-definition.repository'
import { indexDdl, indexNameOf } from './field.jobs'
import { mergeCustomValues } from './custom-values'
import { backfillRollup } from './rollup.service'
import { collectionOf } from './object-registry'
import { rowsAfter, writeCustoms } from './record-values.repository'

/**
 * Defines fields at once inside a transaction, indexes included (a new workspace: the demo, a template):
 * no background build is needed while the tables hold a few records. Values are set by `setCustomValues`.
 */
export async function defineFieldsNow(tx: Executor, ctx: Ctx, inputs: FieldDefinitionCreate[]) {
  const out = []
  for (const [i, input] of inputs.entries()) {
    const now = new Date()
    const row = await insertDefinitionRow(tx, {
      ...input,
      labels: input.labels ?? {},
      options: input.options ?? [],
      defaultValue: input.defaultValue ?? null,
      position: input.position ?? i,
      id: newId(),
      workspaceId: ctx.ws,
      indexStatus: 'none',
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.principal.userId,
    })
    if (row.filterable) {
      const c = collectionOf(row.object)
      await tx.execute(sql.raw(indexDdl(row, c, ctx.ws, indexNameOf(ctx.ws, row.object, row.key), false)))
      await setIndexStatus(tx, ctx.ws, row.id, 'ready')
      row.indexStatus = 'ready'
    }
    const def = toDefinition(row)
    if (def.type === 'rollup') await backfillRollup(tx, ctx.ws, def)
    await recordAudit(tx, ctx, [
      { action: 'create', entityType: 'field_definition', entityId: def.id, after: def },
    ])
    out.push(def)
  }
  forgetDefinitions(ctx.ws)
  return out
}

/**
 * Sets custom values on records of an object (`values`: record id → values) and computes the object's
 * formulas for every record, in the caller's transaction. For seeding: the values are checked against
 * the definitions, and a value that does not fit throws.
 */
export async function setCustomValues(
  tx: Executor,
  ctx: Ctx,
  object: string,
  values: (row: Record<string, any>) => Record<string, unknown> | undefined,
) {
  const c = collectionOf(object)
  const defs = (await loadDefinitions(tx, ctx.ws)).get(object) ?? []
  let after: string | null = null
  let n = 0
  for (;;) {
    const rows = await rowsAfter(tx, ctx.ws, c, after, 1000)
    if (!rows.length) break
    const customs: Record<string, unknown> = {}
    for (const r of rows) {
      const res = mergeCustomValues({
        defs,
        stored: r.custom ?? {},
        incoming: values(r),
        creating: false,
        record: r,
        allowUnknown: false,
        object,
      })
      if (res.errors.length)
        throw new Error(`custom values of ${object} ${r.id}: ${JSON.stringify(res.errors)}`)
      customs[r.id] = res.values
      n++
    }
    await writeCustoms(tx, ctx.ws, c.def.table, customs)
    after = rows.at(-1)!.id
  }
  return n
}
