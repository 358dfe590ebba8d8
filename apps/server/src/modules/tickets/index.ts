export { ticketCollection } from './ticket.collection'
export { tickets, ticketCounters } from './ticket.table'
export { nextTicketNumber, numberUnnumberedTickets } from './ticket-number'
// Conversation and satisfaction (service desk).
export {
  addMessage,
  conversationHandlers,
  pageOfMessages,
  registerTicketMessageRoutes,
  ticketFileAccess,
  ticketMessages,
  type MessageAuthor,
} from './conversation'
export {
  rateTicket,
  registerRatingRoutes,
  satisfactionHandlers,
  sendRatingLink,
  ticketRatingRuleTemplates,
} from './satisfaction'
export { registerTicketRoutingRoutes, routingRuleCollection, ticketRoutingRules } from './routing'
