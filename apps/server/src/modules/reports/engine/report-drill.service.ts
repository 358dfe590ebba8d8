import { and, sql, type SQL } from 'drizzle-orm'
import type { ReportDrill } from '@openkam/contract'
import type { z } from 'zod'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError, type FieldError } from '../../../core/errors'
import { compile } from './report-compile'
import { catalogue } from './report-fields'
import { nextBucket } from './relative-dates'
import { fromWhere, type RunOptions } from './report-run.service'

type Drill = z.output<typeof ReportDrill>
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The records behind one group of a report (SPEC R-21 drill-down): the report's filters, the group's
 * values (a bucket's whole span) and, with `measure`, that measure's own filters — exactly the rows the
 * report counted there — as a page of the object's list.
 */
export async function drillReport(tx: Executor, ctx: Ctx, q: Drill, opts: RunOptions = {}) {
  const lang = opts.lang ?? 'en'
  const cat = await catalogue(tx, ctx, q.object, lang)
  const plan = await compile(tx, ctx, cat, q, {
    today: opts.today ?? new Date(),
    dashboard: opts.dashboard,
    dateField: opts.dateField,
  })
  const errors: FieldError[] = []
  const parts: SQL[] = []
  for (const g of plan.groups) {
    const path = g.field.path
    if (!(path in q.group)) {
      errors.push({ path: `group.${path}`, message: 'give the value of this grouping' })
      continue
    }
    const v = q.group[path]
    if (v === null) parts.push(sql`${g.expr} is null`)
    else if (g.bucket) {
      if (typeof v !== 'string' || !DAY_RE.test(v)) {
        errors.push({ path: `group.${path}`, message: 'give the first day of the bucket, e.g. 2026-07-01' })
        continue
      }
      const e =
        g.field.kind === 'datetime' ? sql`(${g.field.expr})::timestamptz` : sql`(${g.field.expr})::date`
      const b = (d: string) =>
        g.field.kind === 'datetime' ? sql`${`${d}T00:00:00.000Z`}::timestamptz` : sql`${d}::date`
      parts.push(sql`(${e} >= ${b(v)} and ${e} < ${b(nextBucket(v, g.bucket))})`)
    } else if (g.field.kind === 'number') parts.push(sql`${g.expr} = ${Number(v)}`)
    else if (g.field.kind === 'boolean') parts.push(sql`${g.expr} = ${v === true || v === 'true'}`)
    else parts.push(sql`${g.expr} = ${String(v)}`)
  }
  for (const key of Object.keys(q.group))
    if (!plan.groups.some((g) => g.field.path === key))
      errors.push({ path: `group.${key}`, message: 'the report does not group by this field' })
  if (q.measure !== undefined && q.measure >= plan.measureWhere.length)
    errors.push({ path: 'measure', message: `the report has ${plan.measureWhere.length} measures` })
  if (errors.length) throw new AppError('invalid', 'invalid_drill', 'The drill-down is not valid', { errors })
  const own = q.measure === undefined ? undefined : plan.measureWhere[q.measure]
  const t = cat.table as unknown as { id: unknown }
  const ids = sql`${t.id} in (select ${t.id} ${fromWhere(ctx, cat, plan, and(...parts, own))})`
  // Newest first by creation, which background work never changes (pages stay stable).
  const sort = cat.collection.def.sortable.createdAt ? '-createdAt' : cat.collection.def.defaultSort
  const page = await cat.collection.list(
    tx,
    ctx,
    { limit: q.limit, sort, ...(q.cursor ? { cursor: q.cursor } : {}) },
    ids,
  )
  return { object: q.object, ...page }
}
