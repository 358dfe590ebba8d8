import { ticketPriorities, ticketStatuses, ticketTypes } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { userRefs, userTables } from '../users'
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
  validate: allOf(
    userRefs('ownerId', 'assigneeId'),
    refCheck(contacts, 'contact', 'contactId'),
    refCheck(userTables.teams, 'team', 'teamId'),
  ),
  sortable: {
    updatedAt: { column: tickets.updatedAt, kind: 'date' },
    createdAt: { column: tickets.createdAt, kind: 'date' },
    priority: { column: tickets.priority, kind: 'string' },
    satisfaction: { column: tickets.satisfaction, kind: 'number' },
  },
  filterable: {
    accountId: { column: tickets.accountId, kind: 'uuid' },
    contactId: { column: tickets.contactId, kind: 'uuid' },
    assigneeId: { column: tickets.assigneeId, kind: 'uuid' },
    teamId: { column: tickets.teamId, kind: 'uuid' },
    type: { column: tickets.type, kind: 'enum', values: ticketTypes },
    priority: { column: tickets.priority, kind: 'enum', values: ticketPriorities },
    status: { column: tickets.status, kind: 'enum', values: ticketStatuses },
    satisfaction: { column: tickets.satisfaction, kind: 'number' },
    createdAt: { column: tickets.createdAt, kind: 'date' },
  },
  search: [tickets.subject, tickets.body],
  defaultSort: '-updatedAt',
})
