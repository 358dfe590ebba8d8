import type { TicketMessage } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { notFound } from '../../../core/errors'
import { ticketCollection } from '../ticket.collection'
import { lockTicket } from './ticket-message.repository'
import { addMessage } from './ticket-message.service'

/**
 * The customer's message on their ticket (the portal, an e-mail reply): a public message by the contact,
 * and a ticket that was waiting on the customer (`pending`) or `resolved` goes back to `open` (an
 * audited change, so the SLA clock resumes). The caller has checked that the ticket is the contact's
 * account's; the ticket row is locked for the change.
 * @example await addContactMessage(tx, ctx, ticketId, contactId, { body: 'Still failing', fileIds: [] })
 */
export async function addContactMessage(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  contactId: string,
  input: { body: string; fileIds?: string[] },
): Promise<TicketMessage> {
  const ticket = await lockTicket(tx, ctx.ws, ticketId)
  if (!ticket) throw notFound('Ticket')
  const message = await addMessage(
    tx,
    ctx,
    ticketId,
    { visibility: 'public', body: input.body, fileIds: input.fileIds },
    { kind: 'contact', contactId },
  )
  if (ticket.status === 'resolved' || ticket.status === 'pending')
    await ticketCollection.update(tx, ctx, ticketId, { version: ticket.version, status: 'open' })
  return message
}
