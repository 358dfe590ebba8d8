import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import { contacts } from '../../contacts'
import { workspaces } from '../../workspaces'
import { tickets } from '../ticket.table'
import { ticketRatingLinks } from './rating-link.table'

/** Stores a link unless the ticket has one already; answers whether it was stored. */
export async function insertRatingLink(tx: Executor, row: typeof ticketRatingLinks.$inferInsert) {
  const r = await tx
    .insert(ticketRatingLinks)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: ticketRatingLinks.id })
  return r.length > 0
}

export async function ratingLinkOfTicket(tx: Executor, ws: string, ticketId: string) {
  const [r] = await tx
    .select()
    .from(ticketRatingLinks)
    .where(and(eq(ticketRatingLinks.workspaceId, ws), eq(ticketRatingLinks.ticketId, ticketId)))
  return r ?? null
}

/** A link by its token's hash, with what the rating page shows (the ticket, account, contact, workspace). */
export async function ratingLinkByHash(tx: Executor, hash: string, forUpdate = false) {
  const l = ticketRatingLinks
  const q = tx
    .select({
      link: l,
      ticket: tickets,
      accountName: accounts.name,
      contactName: contacts.name,
      workspaceName: workspaces.name,
      locale: workspaces.locale,
    })
    .from(l)
    .innerJoin(tickets, and(eq(tickets.workspaceId, l.workspaceId), eq(tickets.id, l.ticketId)))
    .innerJoin(accounts, and(eq(accounts.workspaceId, l.workspaceId), eq(accounts.id, tickets.accountId)))
    .innerJoin(workspaces, eq(workspaces.id, l.workspaceId))
    .leftJoin(contacts, and(eq(contacts.workspaceId, l.workspaceId), eq(contacts.id, l.contactId)))
    .where(eq(l.tokenHash, hash))
  const [r] = forUpdate ? await q.for('update', { of: l }) : await q
  return r ?? null
}

/** Uses the link up; answers false when it was used meanwhile. */
export async function markRatingLinkUsed(tx: Executor, ws: string, id: string, at: Date) {
  const r = await tx
    .update(ticketRatingLinks)
    .set({ usedAt: at })
    .where(
      and(
        eq(ticketRatingLinks.workspaceId, ws),
        eq(ticketRatingLinks.id, id),
        isNull(ticketRatingLinks.usedAt),
      ),
    )
    .returning({ id: ticketRatingLinks.id })
  return r.length > 0
}

export async function ticketRow(tx: Executor, ws: string, id: string) {
  const [r] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, id), isNull(tickets.deletedAt)))
  return r ?? null
}

export async function setRatingLinkEmailStatus(tx: Executor, ws: string, id: string, status: string) {
  await tx
    .update(ticketRatingLinks)
    .set({ emailStatus: status })
    .where(and(eq(ticketRatingLinks.workspaceId, ws), eq(ticketRatingLinks.id, id)))
}
