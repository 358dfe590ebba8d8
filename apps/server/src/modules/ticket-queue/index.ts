// The agents' queue (service desk): reads tickets, their accounts and alerts; owns no table.
export { registerTicketQueueRoutes } from './ticket-queue.routes'
export { ticketQueue } from './ticket-queue.service'
