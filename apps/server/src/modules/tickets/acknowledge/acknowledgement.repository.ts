import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { contacts } from '../../contacts'
import { tickets } from '../ticket.table'
import {
  ticketAcknowledgements,
  type AcknowledgementDelivery,
  type AcknowledgementSkip,
} from './acknowledgement.table'

/** What the acknowledgement needs of a ticket (not deleted) and of its contact (if any, not deleted). */
export async function ticketWithContact(tx: Executor, ws: string, ticketId: string) {
  const [row] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      contactId: tickets.contactId,
      contactName: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
    })
    .from(tickets)
    .leftJoin(
      contacts,
      and(
        eq(contacts.workspaceId, tickets.workspaceId),
        eq(contacts.id, tickets.contactId),
        isNull(contacts.deletedAt),
      ),
    )
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, ticketId), isNull(tickets.deletedAt)))
  return row ?? null
}

/** Takes the ticket's one acknowledgement; false when it was taken already (a repeated event). */
export async function claimAcknowledgement(
  tx: Executor,
  ws: string,
  ticketId: string,
  eventId: string | null,
  lang: string,
): Promise<boolean> {
  const rows = await tx
    .insert(ticketAcknowledgements)
    .values({ workspaceId: ws, ticketId, eventId, lang })
    .onConflictDoNothing()
    .returning({ ticketId: ticketAcknowledgements.ticketId })
  return rows.length > 0
}

export const recordAcknowledgement = (
  tx: Executor,
  ws: string,
  ticketId: string,
  values: { deliveries: AcknowledgementDelivery[]; skipped: AcknowledgementSkip[] },
) =>
  tx
    .update(ticketAcknowledgements)
    .set(values)
    .where(and(eq(ticketAcknowledgements.workspaceId, ws), eq(ticketAcknowledgements.ticketId, ticketId)))

export const findAcknowledgement = async (tx: Executor, ws: string, ticketId: string) =>
  (
    await tx
      .select()
      .from(ticketAcknowledgements)
      .where(and(eq(ticketAcknowledgements.workspaceId, ws), eq(ticketAcknowledgements.ticketId, ticketId)))
  )[0] ?? null
