import { and, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { DashboardFilters, ReportQueryParsed, ReportResult } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { compile, type Plan } from './report-compile'
import { catalogue, type Catalogue, type Lang } from './report-fields'
import { groupLabels } from './report-labels'

export type { Lang }
export type RunOptions = {
  lang?: Lang
  /** A dashboard's filters, mapped onto the report's own fields. */
  dashboard?: DashboardFilters
  /** The field the dashboard's period applies to (the saved report's `dateField`). */
  dateField?: string | null
  /** "Today" for relative periods (tests); now by default. */
  today?: Date
}

type Tbl = { id: AnyPgColumn; workspaceId: AnyPgColumn; deletedAt: AnyPgColumn }

/** FROM … JOIN … WHERE of a plan: the object's live rows in the workspace the caller may read, filtered. */
export function fromWhere(ctx: Ctx, cat: Catalogue, plan: Pick<Plan, 'joins' | 'where'>, extra?: SQL) {
  const c = cat.collection
  const t = cat.table as unknown as Tbl
  const joins = plan.joins.map((j) => sql` left join ${j.from} on ${j.on}`)
  const where = and(
    sql`${t.workspaceId} = ${ctx.ws}`,
    isNull(t.deletedAt),
    c.partitionWhere(),
    c.visibility(ctx, c.scope(ctx, 'read')),
    plan.where,
    extra,
  )
  return sql`from ${cat.table}${sql.join(joins, sql``)} where ${where}`
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

async function execute(
  tx: Executor,
  ctx: Ctx,
  cat: Catalogue,
  plan: Plan,
): Promise<{ rows: unknown[][]; truncated: boolean }> {
  const cols = [
    ...plan.groups.map((g, i) => sql`${g.expr} as ${sql.identifier(`g${i}`)}`),
    ...plan.measures.map((m, i) => sql`${m.expr} as ${sql.identifier(`m${i}`)}`),
  ]
  const groupBy = plan.groups.length
    ? sql` group by ${sql.join(
        plan.groups.map((_, i) => sql.raw(String(i + 1))),
        sql`, `,
      )}`
    : sql``
  const orderBy = plan.orderBy.length ? sql` order by ${sql.join(plan.orderBy, sql`, `)}` : sql``
  const statement = sql`select ${sql.join(cols, sql`, `)} ${fromWhere(ctx, cat, plan)}${groupBy}${orderBy} limit ${plan.limit + 1}`
  const res = (await tx.execute(statement)) as unknown as { rows: Record<string, unknown>[] }
  const truncated = res.rows.length > plan.limit
  const dateMeasure = plan.columns.filter((c) => c.role === 'measure').map((c) => c.type === 'date')
  const rows = res.rows.slice(0, plan.limit).map((r) => [
    ...plan.groups.map((g, i) => {
      const v = r[`g${i}`]
      return v === null || v === undefined ? null : g.field.kind === 'number' ? Number(v) : v
    }),
    ...plan.measures.map((_, i) => (dateMeasure[i] ? (r[`m${i}`] ?? null) : num(r[`m${i}`]))),
  ])
  return { rows, truncated }
}

const groupKey = (row: unknown[], n: number) => JSON.stringify(row.slice(0, n))

/**
 * Runs a report query (SPEC R-21) over the object's rows the caller may read: their own, their team's or
 * all, as their role says, with fields they may not see refused (400 naming them). With `compare`, the
 * same measures over the period before, aligned to this answer's groups.
 * @example await runReport(tx, ctx, { object: 'accounts', filters: [], groupBy: [{ field: 'tier' }], measures: [{ fn: 'sum', field: 'annualSpend' }] })
 */
export async function runReport(
  tx: Executor,
  ctx: Ctx,
  query: ReportQueryParsed,
  opts: RunOptions = {},
): Promise<ReportResult> {
  const lang = opts.lang ?? 'en'
  const today = opts.today ?? new Date()
  const cat = await catalogue(tx, ctx, query.object, lang)
  const base = { today, dashboard: opts.dashboard, dateField: opts.dateField }
  const plan = await compile(tx, ctx, cat, query, base)
  const { rows, truncated } = await execute(tx, ctx, cat, plan)
  const result: ReportResult = {
    object: query.object,
    columns: plan.columns,
    rows,
    labels: await groupLabels(tx, ctx, plan.groups, rows, lang),
    asOf: new Date().toISOString(),
    truncated,
  }
  if (query.compare === 'previous_period') {
    const before = await execute(tx, ctx, cat, await compile(tx, ctx, cat, query, { ...base, shift: -1 }))
    const n = plan.groups.length
    const byGroup = new Map(before.rows.map((r) => [groupKey(r, n), r]))
    result.previous = rows.map(
      (r) => byGroup.get(groupKey(r, n)) ?? [...r.slice(0, n), ...plan.measures.map(() => null)],
    )
  }
  return result
}
