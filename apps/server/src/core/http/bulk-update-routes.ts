import type { z } from 'zod'
import { BulkUpdateRequest, BulkUpdateResult, Problem } from '@openkam/contract'
import type { Collection } from '../crud/collection'
import type { Ctx } from '../context'
import type { Db, Executor } from '../db/types'
import { AppError } from '../errors'
import type { App } from './server'

type Rec = Record<string, any>
type Item = {
  id: string
  version?: number
  expect?: Record<string, unknown>
  set: Record<string, unknown>
}

/** JSON of a value with its keys in order, to compare values as the API gives them. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Rec).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  )

/** A record's name for messages: its name, title, subject or number. */
const titleOf = (r: Rec): string => String(r.name ?? r.title ?? r.subject ?? r.number ?? r.id)

/** The values of the fields `set` names, as `rec` holds them (custom values under `custom`). */
function valuesOf(rec: Rec, set: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(set)) {
    if (key === 'custom' && set.custom && typeof set.custom === 'object')
      out.custom = Object.fromEntries(Object.keys(set.custom).map((k) => [k, rec.custom?.[k] ?? null]))
    else out[key] = rec[key] ?? null
  }
  return out
}

/** An error of one record, naming it: `Account "Acme": …`, with the record in the problem (`record`). */
function aboutRecord(e: unknown, c: Collection<any, any, any>, i: number, id: string, name: string | null) {
  if (!(e instanceof AppError)) return e
  const who = name ? `${c.def.label} "${name}"` : `${c.def.label} ${id}`
  return new AppError(e.kind, e.code, `${who}: ${e.message}`, {
    ...e.extra,
    ...(e.extra.errors
      ? { errors: e.extra.errors.map((x) => ({ ...x, path: `records.${i}.${x.path}` })) }
      : {}),
    record: { index: i, id, name },
  })
}

/**
 * Changes several records in one transaction through the collection's own update (validation, access,
 * field-level security, audit and an event per record). The first refusal undoes everything and names
 * the record. Answers each record's values before and after, and the body that undoes the change.
 */
export async function bulkUpdate(
  tx: Executor,
  ctx: Ctx,
  c: Collection<any, any, any>,
  update: z.ZodType,
  body: z.infer<typeof BulkUpdateRequest>,
): Promise<BulkUpdateResult> {
  const items: Item[] = body.records ?? (body.ids ?? []).map((id) => ({ id, set: body.set ?? {} }))
  const seen = new Set<string>()
  items.forEach((item, i) => {
    const path = body.records ? `records.${i}` : `ids.${i}`
    if (seen.has(item.id))
      throw new AppError('invalid', 'invalid_input', 'Invalid input', {
        errors: [{ path, message: 'the same record twice' }],
      })
    seen.add(item.id)
    if (!Object.keys(item.set).length || 'version' in item.set || 'id' in item.set)
      throw new AppError('invalid', 'invalid_input', 'Invalid input', {
        errors: [
          {
            path: body.records ? `${path}.set` : 'set',
            message: 'name at least one field to change (not id or version)',
          },
        ],
      })
  })
  const changes: BulkUpdateResult['changes'] = []
  for (const [i, item] of items.entries()) {
    let name: string | null = null
    try {
      // Without a version, the one read; when a background job changed the record between the read
      // and the write (a derived field), read it again.
      for (let attempt = 0; ; attempt++) {
        const before = (await c.get(tx, ctx, item.id)) as Rec
        name = titleOf(before)
        if (item.expect) {
          const changed = Object.keys(item.expect).filter(
            (k) => canonical(valuesOf(before, { [k]: item.expect![k] })[k]) !== canonical(item.expect![k]),
          )
          if (changed.length)
            throw new AppError('conflict', 'changed_since', `${changed.join(', ')} changed since`, {
              errors: changed.map((k) => ({ path: k, message: 'changed since' })),
            })
        }
        const parsed = update.safeParse({ ...item.set, version: item.version ?? before.version })
        if (!parsed.success)
          throw new AppError('invalid', 'invalid_input', 'Invalid input', {
            errors: parsed.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message })),
          })
        let after: Rec
        try {
          after = (await c.update(tx, ctx, item.id, parsed.data as never)) as Rec
        } catch (e) {
          if (
            item.version === undefined &&
            e instanceof AppError &&
            e.code === 'version_conflict' &&
            attempt < 3
          )
            continue
          throw e
        }
        changes.push({
          id: item.id,
          version: after.version,
          before: valuesOf(before, item.set),
          after: valuesOf(after, item.set),
        })
        break
      }
    } catch (e) {
      throw aboutRecord(e, c, i, item.id, name)
    }
  }
  return {
    updated: changes.length,
    changes,
    undo: { records: changes.map((ch) => ({ id: ch.id, expect: ch.after, set: ch.before })) },
  }
}

/**
 * POST /api/v1/<collection>/bulk-update: one change for up to 500 records (`{ids, set}`), or a change
 * per record (`{records: [{id, version?, expect?, set}]}`, e.g. the `undo` of an earlier answer). Register it
 * before the collection's `/:id` routes.
 */
export function registerBulkUpdateRoute(app: App, db: Db, c: Collection<any, any, any>, update: z.ZodType) {
  app.post(
    `/api/v1/${c.def.name}/bulk-update`,
    {
      schema: {
        tags: [c.def.name],
        summary: `Change several ${c.def.name} at once (all or nothing), with the change set to undo it`,
        body: BulkUpdateRequest,
        response: {
          200: BulkUpdateResult,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        bulkUpdate(tx, req.ctx, c, update, req.body as z.infer<typeof BulkUpdateRequest>),
      ),
  )
}
