export { ticketCollection } from './ticket.collection'
export { tickets, ticketCounters } from './ticket.table'
export { nextTicketNumber, numberUnnumberedTickets } from './ticket-number'
