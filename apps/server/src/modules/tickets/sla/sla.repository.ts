import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import { tickets } from '../ticket.table'
import { businessCalendars, ticketSlaEvents } from './sla.table'

export type CalendarRow = typeof businessCalendars.$inferSelect

export const findCalendarRow = async (tx: Executor, ws: string, forUpdate = false) => {
  const q = tx.select().from(businessCalendars).where(eq(businessCalendars.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

export const saveCalendarRow = async (
  tx: Executor,
  ws: string,
  v: Omit<CalendarRow, 'workspaceId' | 'updatedAt' | 'updatedBy'>,
  userId: string | null,
) =>
  (
    await tx
      .insert(businessCalendars)
      .values({ workspaceId: ws, ...v, updatedAt: new Date(), updatedBy: userId })
      .onConflictDoUpdate({
        target: businessCalendars.workspaceId,
        set: { ...v, updatedAt: new Date(), updatedBy: userId },
      })
      .returning()
  )[0]!

/** The account's tier (null: not tiered yet). */
export const accountTierOf = async (tx: Executor, ws: string, accountId: string) =>
  (
    await tx
      .select({ tier: accounts.tier })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ws), eq(accounts.id, accountId)))
  )[0]?.tier ?? null

/** Tickets whose service levels are running (open, not waiting on the customer), of one or every workspace. */
export const runningSlaTickets = (tx: Executor, ws?: string) =>
  tx
    .select({
      id: tickets.id,
      workspaceId: tickets.workspaceId,
      createdAt: tickets.createdAt,
      firstResponseDueAt: tickets.firstResponseDueAt,
      resolutionDueAt: tickets.resolutionDueAt,
      firstRespondedAt: tickets.firstRespondedAt,
      slaStatus: tickets.slaStatus,
      slaPausedMinutes: tickets.slaPausedMinutes,
    })
    .from(tickets)
    .where(
      and(
        ws ? eq(tickets.workspaceId, ws) : undefined,
        isNull(tickets.deletedAt),
        inArray(tickets.status, ['new', 'open']),
        notInArray(tickets.slaStatus, ['paused']),
      ),
    )
    .orderBy(tickets.workspaceId, tickets.id)

/** Locks a ticket's row for the sweep's check-and-mark. */
export const lockTicket = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, id)))
      .for('update')
  )[0] ?? null

/** Records a warning or breach of one target; false when it was recorded before (it happens once). */
export const markSlaEvent = async (
  tx: Executor,
  ws: string,
  ticketId: string,
  target: string,
  kind: string,
  at: Date,
) =>
  (
    await tx
      .insert(ticketSlaEvents)
      .values({ workspaceId: ws, ticketId, target, kind, at })
      .onConflictDoNothing()
      .returning({ at: ticketSlaEvents.at })
  ).length > 0

/** The targets of a ticket that were breached at some point. */
export const breachedTargets = async (tx: Executor, ws: string, ticketId: string) =>
  (
    await tx
      .select({ target: ticketSlaEvents.target })
      .from(ticketSlaEvents)
      .where(
        and(
          eq(ticketSlaEvents.workspaceId, ws),
          eq(ticketSlaEvents.ticketId, ticketId),
          eq(ticketSlaEvents.kind, 'breached'),
        ),
      )
  ).map((r) => r.target)

/** Sets the first agent reply once; answers whether it was the first. */
export const setFirstResponse = async (tx: Executor, ws: string, ticketId: string, at: Date) =>
  (
    await tx
      .update(tickets)
      .set({
        firstRespondedAt: at,
        // A reply after the due time is a breach even if the sweep had not seen it yet.
        slaStatus: sql`case when ${tickets.firstResponseDueAt} < ${at.toISOString()}::timestamptz and ${tickets.slaStatus} is not null then 'breached' else ${tickets.slaStatus} end`,
      })
      .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, ticketId), isNull(tickets.firstRespondedAt)))
      .returning({ id: tickets.id })
  ).length > 0

/** The warnings and breaches already recorded for these tickets, as `ticketId:target:kind` keys. */
export const recordedSlaEvents = async (tx: Executor, ids: string[]) =>
  ids.length === 0
    ? new Set<string>()
    : new Set(
        (
          await tx
            .select({
              id: ticketSlaEvents.ticketId,
              target: ticketSlaEvents.target,
              kind: ticketSlaEvents.kind,
            })
            .from(ticketSlaEvents)
            .where(inArray(ticketSlaEvents.ticketId, ids))
        ).map((r) => `${r.id}:${r.target}:${r.kind}`),
      )
