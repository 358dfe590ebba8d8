import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Executor } from '../../core/db/types'
import { activities } from '../activities'
import { contracts } from '../commerce'
import { tickets } from '../tickets'
import { milestones } from './milestone.table'

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
