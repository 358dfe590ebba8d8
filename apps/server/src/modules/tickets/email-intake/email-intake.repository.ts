import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import { contacts } from '../../contacts'
import { tickets } from '../ticket.table'
import { ticketEmailIntake, ticketEmailIntakeLog } from './email-intake.table'

export type IntakeLogRow = typeof ticketEmailIntakeLog.$inferSelect

export async function findIntake(tx: Executor, ws: string) {
  const [r] = await tx.select().from(ticketEmailIntake).where(eq(ticketEmailIntake.workspaceId, ws))
  return r ?? null
}

export async function saveIntakeToken(
  tx: Executor,
  row: {
    workspaceId: string
    tokenHash: string
    tokenHint: string
    createdAt: Date
    createdBy: string | null
  },
) {
  const [r] = await tx
    .insert(ticketEmailIntake)
    .values(row)
    .onConflictDoUpdate({
      target: ticketEmailIntake.workspaceId,
      set: {
        tokenHash: row.tokenHash,
        tokenHint: row.tokenHint,
        createdAt: row.createdAt,
        createdBy: row.createdBy,
      },
    })
    .returning()
  return r!
}

/**
 * The active contacts with this address (case-insensitive) of accounts not deleted, most recently
 * changed first.
 */
export async function contactsByEmail(tx: Executor, ws: string, email: string) {
  return tx
    .select({ id: contacts.id, name: contacts.name, accountId: contacts.accountId })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(
      and(
        eq(contacts.workspaceId, ws),
        sql`lower(${contacts.email}) = ${email.toLowerCase()}`,
        eq(contacts.active, true),
        isNull(contacts.deletedAt),
        isNull(accounts.deletedAt),
      ),
    )
    .orderBy(desc(contacts.updatedAt), contacts.id)
    .limit(20)
}

export async function ticketByNumber(tx: Executor, ws: string, number: string) {
  const [r] = await tx
    .select({ id: tickets.id, accountId: tickets.accountId, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.number, number), isNull(tickets.deletedAt)))
  return r ?? null
}

/**
 * Claims a Message-ID for this workspace: the new log row, or null when the message was received before
 * (the unique key waits for a concurrent claim of the same message to finish, then yields nothing).
 */
export async function claimMessage(tx: Executor, row: typeof ticketEmailIntakeLog.$inferInsert) {
  const [r] = await tx.insert(ticketEmailIntakeLog).values(row).onConflictDoNothing().returning()
  return r ?? null
}

export async function logEntryByKey(tx: Executor, ws: string, messageKey: string) {
  const [r] = await tx
    .select()
    .from(ticketEmailIntakeLog)
    .where(and(eq(ticketEmailIntakeLog.workspaceId, ws), eq(ticketEmailIntakeLog.messageKey, messageKey)))
  return r ?? null
}

export async function finishLogEntry(
  tx: Executor,
  ws: string,
  id: string,
  v: Partial<
    Pick<
      IntakeLogRow,
      'outcome' | 'reason' | 'ticketId' | 'ticketMessageId' | 'contactId' | 'skippedAttachments'
    >
  >,
) {
  await tx
    .update(ticketEmailIntakeLog)
    .set(v)
    .where(and(eq(ticketEmailIntakeLog.workspaceId, ws), eq(ticketEmailIntakeLog.id, id)))
}

/** A page of the intake log, newest first, before the cursor's (receivedAt, id). */
export async function logPage(
  tx: Executor,
  ws: string,
  opts: { limit: number; before?: { at: Date; id: string } },
) {
  const l = ticketEmailIntakeLog
  return tx
    .select({ log: l, ticketNumber: tickets.number, contactName: contacts.name })
    .from(l)
    .leftJoin(tickets, and(eq(tickets.workspaceId, l.workspaceId), eq(tickets.id, l.ticketId)))
    .leftJoin(contacts, and(eq(contacts.workspaceId, l.workspaceId), eq(contacts.id, l.contactId)))
    .where(
      and(
        eq(l.workspaceId, ws),
        opts.before
          ? or(
              lt(l.receivedAt, opts.before.at),
              and(eq(l.receivedAt, opts.before.at), lt(l.id, opts.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(l.receivedAt), desc(l.id))
    .limit(opts.limit)
}

export async function ticketNumbers(tx: Executor, ws: string, ids: string[]) {
  if (!ids.length) return new Map<string, string | null>()
  const rows = await tx
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), inArray(tickets.id, ids)))
  return new Map(rows.map((r) => [r.id, r.number]))
}
