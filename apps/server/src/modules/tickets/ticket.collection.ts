import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { userRefs, userTables } from '../users'
import { nextTicketNumber } from './ticket-number'
import { slaOnInsert, slaOnUpdate } from './sla/sla.hooks'
import { reasonIn, routeNewTicket } from './routing'
import { tickets } from './ticket.table'

const mapper = rowMapper(tickets, { readOnly: ['nextDueAt'] })
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
  beforeInsert: async (tx, ctx, row) => ({
    number: await nextTicketNumber(tx, ctx.ws),
    // Routing (service desk): the first matching rule sets the team and the assignee, and says why.
    ...(await routeNewTicket(tx, ctx, row)),
    // Service levels (sla/): due times from the account's tier and the business calendar.
    ...(await slaOnInsert(tx, ctx, row)),
  }),
  // Service levels (sla/): pending pauses the clock, leaving it resumes it, resolving stops it.
  beforeUpdate: (tx, ctx, patch, before) => slaOnUpdate(tx, ctx, patch, before),
  // Why the ticket went to whom is stored in English; each reader gets it in their language.
  localize: (rec, lang) =>
    rec.routedBy
      ? { ...rec, routedBy: { ...rec.routedBy, reason: reasonIn(rec.routedBy.reason, lang) } }
      : rec,
  validate: allOf(
    userRefs('ownerId', 'assigneeId'),
    refCheck(contacts, 'contact', 'contactId'),
    refCheck(userTables.teams, 'team', 'teamId'),
  ),
  ...fieldSpecs(builtinObjects.tickets!, tickets),
  search: [tickets.number, tickets.subject, tickets.body],
  defaultSort: '-updatedAt',
})
