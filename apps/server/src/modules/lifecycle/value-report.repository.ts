import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Executor } from '../../core/db/types'
import { activities } from '../activities'
import { contracts } from '../commerce'
import { tickets } from '../tickets'
import { milestones } from './milestone.table'
import { valueKpis } from './value-kpi.table'

type Period = { from: Date; to: Date }

export const contractsOfAccount = (tx: Executor, ws: string, accountId: string) =>
  tx
    .select({
      id: contracts.id,
      number: contracts.number,
      status: contracts.status,
      amount: contracts.amount,
      currency: contracts.currency,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
    })
    .from(contracts)
    .where(
      and(eq(contracts.workspaceId, ws), eq(contracts.accountId, accountId), isNull(contracts.deletedAt)),
    )
    .orderBy(asc(contracts.endDate), asc(contracts.number))

/** Tickets opened and resolved in the period, hours to resolve, and satisfaction of those resolved. */
export async function ticketStats(tx: Executor, ws: string, accountId: string, p: Period) {
  const t = tickets
  const inPeriod = (col: AnyPgColumn) => sql`${col} >= ${p.from.toISOString()}::timestamptz
    and ${col} <= ${p.to.toISOString()}::timestamptz`
  const [row] = await tx
    .select({
      opened: sql<number>`count(*) filter (where ${inPeriod(t.createdAt)})::int`,
      resolved: sql<number>`count(*) filter (where ${inPeriod(t.resolvedAt)})::int`,
      hours: sql<string | null>`avg(extract(epoch from (${t.resolvedAt} - ${t.createdAt})) / 3600)
        filter (where ${inPeriod(t.resolvedAt)})`,
      satisfaction: sql<string | null>`avg(${t.satisfaction}) filter (where ${inPeriod(t.resolvedAt)}
        and ${t.satisfaction} is not null)`,
      responses: sql<number>`count(${t.satisfaction}) filter (where ${inPeriod(t.resolvedAt)})::int`,
    })
    .from(t)
    .where(and(eq(t.workspaceId, ws), eq(t.accountId, accountId), isNull(t.deletedAt)))
  return row!
}

/** Meetings and visits held in the period, and their minutes. */
export async function meetingStats(tx: Executor, ws: string, accountId: string, p: Period) {
  const a = activities
  const [row] = await tx
    .select({
      held: sql<number>`count(*)::int`,
      minutes: sql<number>`coalesce(sum(${a.durationMinutes}), 0)::int`,
    })
    .from(a)
    .where(
      and(
        eq(a.workspaceId, ws),
        eq(a.accountId, accountId),
        isNull(a.deletedAt),
        inArray(a.kind, ['meeting', 'visit']),
        sql`${a.occurredAt} >= ${p.from.toISOString()}::timestamptz`,
        sql`${a.occurredAt} <= ${p.to.toISOString()}::timestamptz`,
      ),
    )
  return row!
}

export const milestonesOfAccount = (tx: Executor, ws: string, accountId: string) =>
  tx
    .select({
      id: milestones.id,
      title: milestones.title,
      dueDate: milestones.dueDate,
      status: milestones.status,
      confirmedAt: milestones.confirmedAt,
      confirmedByName: milestones.confirmedByName,
    })
    .from(milestones)
    .where(
      and(eq(milestones.workspaceId, ws), eq(milestones.accountId, accountId), isNull(milestones.deletedAt)),
    )
    .orderBy(sql`${milestones.dueDate} asc nulls last`, asc(milestones.createdAt))

/** Usage events (logins and feature use) and the distinct people behind them in a period; null without any event ever. */
export async function usageStats(tx: Executor, ws: string, accountId: string, p: Period) {
  const r = (await tx.execute(sql`
    select count(*) filter (where at >= ${p.from.toISOString()}::timestamptz
        and at <= ${p.to.toISOString()}::timestamptz and type in ('login', 'feature_used'))::int as events,
      count(distinct actor) filter (where at >= ${p.from.toISOString()}::timestamptz
        and at <= ${p.to.toISOString()}::timestamptz)::int as users,
      count(*) filter (where at <= ${p.to.toISOString()}::timestamptz)::int as ever,
      min(at) as first
    from usage_events where workspace_id = ${ws} and account_id = ${accountId}`)) as unknown as {
    rows: { events: number; users: number; ever: number; first: Date | string | null }[]
  }
  const row = r.rows[0]!
  // A period before the first event sent is not "no usage" but no data.
  if (!Number(row.ever) || !row.first || new Date(row.first) > p.to) return null
  return { events: Number(row.events), users: Number(row.users) }
}

/** Tickets opened in a period, and the median and mean hours to resolve those resolved in it. */
export async function resolutionStats(tx: Executor, ws: string, accountId: string, p: Period) {
  const t = tickets
  const inPeriod = (col: AnyPgColumn) => sql`${col} >= ${p.from.toISOString()}::timestamptz
    and ${col} <= ${p.to.toISOString()}::timestamptz`
  const hours = sql`extract(epoch from (${t.resolvedAt} - ${t.createdAt})) / 3600`
  const [row] = await tx
    .select({
      opened: sql<number>`count(*) filter (where ${inPeriod(t.createdAt)})::int`,
      median: sql<string | null>`percentile_cont(0.5) within group (order by ${hours})
        filter (where ${inPeriod(t.resolvedAt)})`,
      mean: sql<string | null>`avg(${hours}) filter (where ${inPeriod(t.resolvedAt)})`,
    })
    .from(t)
    .where(and(eq(t.workspaceId, ws), eq(t.accountId, accountId), isNull(t.deletedAt)))
  return {
    opened: Number(row!.opened),
    median: row!.median === null ? null : Number(row!.median),
    mean: row!.mean === null ? null : Number(row!.mean),
  }
}

export const kpisOfAccount = (tx: Executor, ws: string, accountId: string) =>
  tx
    .select()
    .from(valueKpis)
    .where(
      and(eq(valueKpis.workspaceId, ws), eq(valueKpis.accountId, accountId), isNull(valueKpis.deletedAt)),
    )
    .orderBy(asc(valueKpis.createdAt), asc(valueKpis.id))
