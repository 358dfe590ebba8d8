import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { userRefs, userTables } from '../users'
import { nextTicketNumber } from './ticket-number'
import { tickets } from './ticket.table'

const mapper = rowMapper(tickets)
const closed = (s: unknown) => s === 'resolved' || s === 'closed'

export const ticketCollection = new Collection<any, any, any>({
  name: 'tickets',
  entity: 'ticket',
  label: 'Ticket',
  table: tickets,
  parent: accountParent(tickets.accountId),
  ownerColumns: [tickets.ownerId, tickets.assigneeId],
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) =>
    closed(patch.status) && !closed(before?.status) && !patch.resolvedAt
      ? { resolvedAt: new Date() }
      : patch.status && !closed(patch.status) && closed(before?.status)
        ? { resolvedAt: null }
        : {},
  beforeInsert: async (tx, ctx) => ({ number: await nextTicketNumber(tx, ctx.ws) }),
  validate: allOf(
    userRefs('ownerId', 'assigneeId'),
    refCheck(contacts, 'contact', 'contactId'),
    refCheck(userTables.teams, 'team', 'teamId'),
  ),
  ...fieldSpecs(builtinObjects.tickets!, tickets),
  search: [tickets.number, tickets.subject, tickets.body],
  defaultSort: '-updatedAt',
})
