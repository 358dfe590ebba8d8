import { and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { TemplateKind } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Collection } from '../../core/crud/collection'
import type { Executor } from '../../core/db/types'
import type { FieldError } from '../../core/errors'
import type { JobQueue } from '../../core/jobs/jobs'

export type Item = Record<string, unknown> & { key: string }
/** A configuration item the workspace has: its stable key, its id (references point at it) and its content. */
export type Current = { key: string; id: string; version: number; item: Item }
export type KindDeps = { jobs?: JobQueue }

/**
 * One kind of configuration a template file carries: how to read the workspace's items (keyed by a stable
 * key), how to check an item from a file, and how to create or change one. Adding a kind is one descriptor.
 */
export type KindDef = {
  kind: TemplateKind
  read(tx: Executor, ctx: Ctx): Promise<Current[]>
  /** The item's own validation (its kind's create schema), as field errors relative to the item. */
  check(item: Item): FieldError[]
  /** Creates the item (no `current`) or changes `current` to it; returns the item's id. */
  write(tx: Executor, ctx: Ctx, deps: KindDeps, item: Item, current?: Current): Promise<string>
  /** The order an import applies a kind's items in (e.g. the default pipeline first). */
  order?(items: Item[]): Item[]
}

type Rec = Record<string, any>
type Shape = z.ZodObject<z.ZodRawShape>

export const issuesOf = (e: z.ZodError): FieldError[] =>
  e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))

/** The fields an item of a collection carries: what its create schema takes, without owner and custom values. */
const fieldsOf = (schema: Shape) => Object.keys(schema.shape).filter((k) => k !== 'ownerId' && k !== 'custom')

/** Keys unique within a kind: the template key when the item came with a template, else its name. */
export function keyed<T>(rows: T[], keyOf: (r: T) => string): { key: string; row: T }[] {
  const seen = new Map<string, number>()
  return rows.map((row) => {
    const base = keyOf(row)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return { key: n === 1 ? base : `${base} #${n}`, row }
  })
}

/**
 * A kind served by a collection of the shared machinery: its live records (less those `include` leaves
 * out), the fields of its create schema plus its template key, written through the collection (or the
 * module's service) so that versions, audit entries and outbox events are kept.
 */
export function collectionKind(o: {
  kind: TemplateKind
  collection: Collection<any, any, any>
  schema: Shape
  include?(rec: Rec): boolean
  create?(tx: Executor, ctx: Ctx, input: Rec): Promise<{ id: string }>
  update?(tx: Executor, ctx: Ctx, id: string, input: Rec): Promise<unknown>
  order?(items: Item[]): Item[]
}): KindDef {
  const fields = fieldsOf(o.schema)
  // A kind whose items have a key of their own (alert rules) is keyed by it.
  const ownKey = fields.includes('key')
  // A null the create schema would refuse (an optional field the record shows as null) stays out of the item.
  const nullable = new Set(fields.filter((f) => (o.schema.shape[f] as z.ZodType).safeParse(null).success))
  const table = o.collection.def.table as never as Rec
  return {
    kind: o.kind,
    order: o.order,
    async read(tx, ctx) {
      const recs: Rec[] = []
      let cursor: string | undefined
      do {
        const page = await o.collection.list(tx, ctx, { limit: 200, cursor })
        recs.push(...page.data)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      const live = recs.filter((r) => !o.include || o.include(r))
      const keyOf = (r: Rec) => (ownKey ? String(r.key) : ((r.template as string | null) ?? String(r.name)))
      return keyed(live, keyOf).map(({ key, row }) => {
        const item: Item = { key }
        for (const f of fields) {
          if (row[f] === undefined || (row[f] === null && !nullable.has(f))) continue
          item[f] = row[f]
        }
        if (row.template) item.template = row.template
        return { key, id: row.id, version: row.version, item }
      })
    },
    check(item) {
      const { key, template: _t, ...input } = item
      if (ownKey) input.key = key
      const r = o.schema.safeParse(input)
      return r.success ? [] : issuesOf(r.error)
    },
    async write(tx, ctx, _deps, item, current) {
      const { key, template, ...raw } = item
      if (ownKey) raw.key = key
      const input = o.schema.parse(raw) as Rec
      let id: string
      if (current) {
        await (o.update ?? o.collection.update.bind(o.collection))(tx, ctx, current.id, {
          ...input,
          version: current.version,
        } as never)
        id = current.id
      } else {
        id = (await (o.create ?? o.collection.create.bind(o.collection))(tx, ctx, input as never)).id
      }
      // The template key is not part of the wire schemas: it marks what a template installed.
      if ('template' in item && (template ?? null) !== (current?.item.template ?? null))
        await tx
          .update(table as never)
          .set({ template: (template as string | undefined) ?? null } as never)
          .where(and(eq(table.workspaceId, ctx.ws), eq(table.id, id)))
      return id
    },
  }
}

/**
 * A kind with exactly one item per workspace (settings with a version, e.g. the tier rules): `load` gives
 * the current settings (the defaults until saved), `save` stores a change (with the version read), `after`
 * runs what a change in Settings runs too.
 */
export function singletonKind<S extends { version: number }>(o: {
  kind: TemplateKind
  load(tx: Executor, ws: string): Promise<S & { updatedAt?: unknown }>
  schema: Shape
  save(tx: Executor, ctx: Ctx, input: never): Promise<unknown>
  after?(tx: Executor, ctx: Ctx): Promise<unknown>
}): KindDef {
  const key = o.kind
  return {
    kind: o.kind,
    async read(tx, ctx) {
      const { version, updatedAt: _u, ...rest } = await o.load(tx, ctx.ws)
      return [{ key, id: ctx.ws, version, item: { key, ...rest } }]
    },
    check(item) {
      const { key: k, ...rest } = item
      const r = o.schema.safeParse({ ...rest, version: 1 })
      const errors = r.success ? [] : issuesOf(r.error)
      if (k !== key) errors.push({ path: 'key', message: `this kind has one item, keyed ${key}` })
      return errors
    },
    async write(tx, ctx, _deps, item, current) {
      const { key: _k, ...rest } = item
      await o.save(tx, ctx, o.schema.parse({ ...rest, version: current?.version ?? 1 }) as never)
      await o.after?.(tx, ctx)
      return ctx.ws
    },
  }
}

/**
 * A kind with at most one item per workspace and no version (e.g. the north-star metrics): `load` gives
 * the current settings (null when none are set: the file then carries no item), `save` replaces them
 * through the module's service (audit entry and event included).
 */
export function settingsKind<S extends Record<string, unknown>>(o: {
  kind: TemplateKind
  load(tx: Executor, ctx: Ctx): Promise<S | null>
  schema: Shape
  save(tx: Executor, ctx: Ctx, input: S): Promise<unknown>
}): KindDef {
  const key = o.kind
  return {
    kind: o.kind,
    async read(tx, ctx) {
      const settings = await o.load(tx, ctx)
      return settings ? [{ key, id: ctx.ws, version: 0, item: { key, ...settings } }] : []
    },
    check(item) {
      const { key: k, ...rest } = item
      const r = o.schema.safeParse(rest)
      const errors = r.success ? [] : issuesOf(r.error)
      if (k !== key) errors.push({ path: 'key', message: `this kind has one item, keyed ${key}` })
      return errors
    },
    async write(tx, ctx, _deps, item) {
      const { key: _k, ...rest } = item
      await o.save(tx, ctx, o.schema.parse(rest) as S)
      return ctx.ws
    },
  }
}
