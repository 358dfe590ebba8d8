import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { FieldDefinition } from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { FieldError } from '../../core/errors'
import { customFields } from '../../core/crud/custom-fields'
import { loadDefinitions } from './field-cache'
import { builtinCollections, collectionOf } from './object-registry'
import { mergeCustomValues } from './custom-values'
import { formulaNames } from './formula'
import { rowsAfter, rowsByIds, setFieldValues, writeCustoms } from './record-values.repository'

type Rollup = NonNullable<FieldDefinition['rollup']>
type T = PgTable & { workspaceId: any; id: any; deletedAt: any }

const sysCtx = (ws: string): Ctx => ({
  ws,
  principal: systemPrincipal(ws),
  events: { emit: async () => [] } as unknown as EventSink,
})

/** Checks a roll-up's definition: the related object, its field pointing here, the summed field, the filter. */
export function checkRollup(object: string, r: Rollup, ctx: Ctx): FieldError[] {
  const errors: FieldError[] = []
  const c = builtinCollections[r.object]
  if (!c)
    return [
      {
        path: 'rollup.object',
        message: `"${r.object}" is not a built-in object (roll-ups count built-in objects' records)`,
      },
    ]
  const via = c.def.filterable[r.via]
  const parent = c.def.parent
  if (!via || via.kind !== 'uuid' || (parent && r.via === parent.field && parent.collection !== object))
    errors.push({
      path: 'rollup.via',
      message: `"${r.via}" is not a field of ${r.object} pointing to ${object}`,
    })
  if (r.fn !== 'count') {
    if (!r.field)
      errors.push({ path: 'rollup.field', message: `${r.fn} needs the field of ${r.object} to add up` })
    else if (!numberSpec(ctx, r.object, r.field))
      errors.push({ path: 'rollup.field', message: `"${r.field}" is not a number field of ${r.object}` })
  } else if (r.field) errors.push({ path: 'rollup.field', message: 'count takes no field' })
  if (r.filter) {
    try {
      c.filterWhere(ctx, r.filter)
    } catch (e) {
      const errs = (e as { extra?: { errors?: FieldError[] } }).extra?.errors ?? []
      errors.push(...errs.map((x) => ({ path: `rollup.filter.${x.path}`, message: x.message })))
    }
  }
  return errors
}

function numberSpec(ctx: Ctx, object: string, field: string) {
  const c = builtinCollections[object]!
  const spec = field.startsWith('custom.')
    ? customFields()?.spec(ctx.ws, object, c.def.table, field.slice(7), 'sort')
    : (c.def.sortable[field] ?? c.def.filterable[field])
  return spec && spec.kind === 'number' ? spec : undefined
}

/** The roll-up's value for each of `parentIds` (count 0 when nothing is related; others null). */
async function compute(tx: Executor, ctx: Ctx, r: Rollup, parentIds: string[] | null) {
  const c = builtinCollections[r.object]!
  const t = c.def.table as T
  const viaCol = c.def.filterable[r.via]!.column as AnyPgColumn
  const value: SQL =
    r.fn === 'count'
      ? sql`count(*)::numeric`
      : sql`${sql.raw(r.fn)}(${numberSpec(ctx, r.object, r.field!)!.column})`
  const rows = (await tx
    .select({ id: sql<string>`${viaCol}`, v: sql<string | null>`${value}::text` })
    .from(t)
    .where(
      and(
        eq(t.workspaceId, ctx.ws),
        isNull(t.deletedAt),
        parentIds ? inArray(viaCol, parentIds) : sql`${viaCol} is not null`,
        r.filter ? c.filterWhere(ctx, r.filter) : undefined,
      ),
    )
    .groupBy(viaCol)) as { id: string; v: string | null }[]
  return new Map(rows.map((x) => [x.id, x.v === null ? null : Number(x.v)]))
}

/** Stores roll-up values on the parent records (no version, audit or event: a derived value, like a formula). */
async function store(
  tx: Executor,
  ctx: Ctx,
  object: string,
  d: FieldDefinition,
  ids: string[],
  values: Map<string, number | null>,
) {
  const out: Record<string, number | null> = {}
  for (const id of ids) out[id] = values.get(id) ?? (d.rollup!.fn === 'count' ? 0 : null)
  await setFieldValues(tx, ctx.ws, collectionOf(object).def.table, d.key, out)
}

/** Recomputes a roll-up field on every record of its object (after it is defined or changed). */
export async function backfillRollup(tx: Executor, ws: string, d: FieldDefinition) {
  const ctx = sysCtx(ws)
  await customFields()?.prepare(tx, ws)
  const values = await compute(tx, ctx, d.rollup!, null)
  let after: string | null = null
  let n = 0
  for (;;) {
    const rows = await rowsAfter(tx, ws, collectionOf(d.object), after, 2000)
    if (!rows.length) break
    await store(
      tx,
      ctx,
      d.object,
      d,
      rows.map((r) => r.id),
      values,
    )
    n += rows.length
    after = rows.at(-1)!.id
  }
  return n
}

/**
 * Recomputes, on the records `ids` of `object`, the formulas reading one of the roll-ups `keys` (e.g.
 * `openTickets * 2`), so a formula is as current as the roll-up it reads. Stored like the roll-up: no
 * version, audit or event.
 */
export async function recomputeFormulasAfterRollups(
  tx: Executor,
  ws: string,
  object: string,
  keys: string[],
  ids: string[],
  defs: FieldDefinition[],
) {
  const formulas = defs.filter(
    (d) =>
      d.object === object &&
      d.type === 'formula' &&
      d.formula &&
      formulaNames(d.formula).some((n) => keys.includes(n.name)),
  )
  if (!formulas.length || !ids.length) return 0
  const c = collectionOf(object)
  const customs: Record<string, unknown> = {}
  for (const r of await rowsByIds(tx, ws, c, ids)) {
    const { values } = mergeCustomValues({
      defs: formulas,
      stored: r.custom ?? {},
      incoming: undefined,
      creating: false,
      record: r,
      allowUnknown: true,
      object,
    })
    if (JSON.stringify(values) !== JSON.stringify(r.custom ?? {})) customs[r.id] = values
  }
  await writeCustoms(tx, ws, c.def.table, customs)
  return Object.keys(customs).length
}

const entityToObject = () =>
  new Map(Object.values(builtinCollections).map((c) => [c.def.entity, c.def.name] as const))

/**
 * Keeps roll-ups current: when a related record is created, changed, deleted or restored, the roll-ups
 * that count it are recomputed for its parent — and for its former parent when it moved.
 */
export const rollupHandler = (): EventHandler => ({
  name: 'fields.rollups',
  events: [...new Set(Object.values(builtinCollections).map((c) => `${c.def.entity}.*`))],
  async handle(tx, event) {
    const object = entityToObject().get(event.type.split('.')[0]!)
    if (!object) return
    const defs = [...(await loadDefinitions(tx, event.workspaceId)).values()].flat()
    const rollups = defs.filter((d) => d.type === 'rollup' && d.rollup?.object === object)
    if (!rollups.length) return
    const p = event.payload as { record?: Record<string, any>; before?: Record<string, any> }
    const ctx = sysCtx(event.workspaceId)
    // Per parent object, the roll-ups stored and the records they were stored on: their formulas follow.
    const touched = new Map<string, { keys: string[]; ids: Set<string> }>()
    for (const d of rollups) {
      const via = d.rollup!.via
      const ids = [
        ...new Set([p.record?.[via], p.before?.[via]].filter((x): x is string => typeof x === 'string')),
      ]
      if (!ids.length) continue
      await store(tx, ctx, d.object, d, ids, await compute(tx, ctx, d.rollup!, ids))
      const t = touched.get(d.object) ?? { keys: [], ids: new Set<string>() }
      t.keys.push(d.key)
      ids.forEach((id) => t.ids.add(id))
      touched.set(d.object, t)
    }
    for (const [object, t] of touched)
      await recomputeFormulasAfterRollups(tx, event.workspaceId, object, t.keys, [...t.ids], defs)
  },
})
