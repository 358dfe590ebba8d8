import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { alias, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core'
import type { DashboardFilters } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import { accounts } from '../../accounts'
import { userTables } from '../../users'

/** The dashboard filters a metric honours (the period is the metric's own). */
export type MetricFilters = Omit<DashboardFilters, 'period'>

const fa = alias(accounts, 'metric_filter_account')

/** A FROM item of a table under an alias (drizzle renders an alias alone as its bare name). */
export const aliased = (table: PgTable, alias: string) => sql`${table} as ${sql.identifier(alias)}`

/** Whether a person column holds the filter's owner, or a member of its team; undefined without either. */
export function personFilter(ctx: Ctx, f: MetricFilters, column: AnyPgColumn | SQL): SQL | undefined {
  const tm = userTables.teamMembers
  return and(
    f.ownerId ? sql`${column} = ${f.ownerId}` : undefined,
    f.teamId
      ? sql`${column} in (select ${tm.userId} from ${tm} where ${tm.workspaceId} = ${ctx.ws} and ${tm.teamId} = ${f.teamId})`
      : undefined,
  )
}

/**
 * Narrows rows by their account: its tier and segment, and — with `byOwner` — its owner or team (for
 * figures about accounts rather than deals: NPS, retention, go-live). Undefined when nothing narrows.
 * Reads `accounts` under its own alias, so it fits a query that also reads the accounts table.
 */
export function accountFilter(
  ctx: Ctx,
  f: MetricFilters,
  accountId: AnyPgColumn,
  byOwner = false,
): SQL | undefined {
  const owner = byOwner ? personFilter(ctx, f, fa.ownerId) : undefined
  if (!f.tier && !f.segment && !owner) return undefined
  return sql`${accountId} in (select ${fa.id} from ${aliased(accounts, 'metric_filter_account')} where ${and(
    eq(fa.workspaceId, ctx.ws),
    isNull(fa.deletedAt),
    f.tier ? eq(fa.tier, f.tier) : undefined,
    f.segment ? eq(fa.segment, f.segment) : undefined,
    owner,
  )})`
}

/** `col` within [start, end). */
export const within = (col: AnyPgColumn | SQL, s: { start: Date; end: Date }) =>
  sql`(${col} >= ${s.start.toISOString()}::timestamptz and ${col} < ${s.end.toISOString()}::timestamptz)`

export const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
/** A numeric column as a number (numeric arrives as text), null stays null. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
