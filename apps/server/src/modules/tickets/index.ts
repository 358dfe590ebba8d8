export { ticketCollection } from './ticket.collection'
export { tickets, ticketCounters } from './ticket.table'
export { nextTicketNumber, numberUnnumberedTickets } from './ticket-number'
// Acknowledgement (service desk): the contact hears at once that the ticket was received.
export { acknowledgementHandler, registerAcknowledgementRoutes, ticketAcknowledgements } from './acknowledge'
export { registerTicketRoutingRoutes, routingRuleCollection, ticketRoutingRules } from './routing'
// Conversation and satisfaction (service desk).
export {
  addMessage,
  conversationHandlers,
  pageOfMessages,
  registerTicketMessageRoutes,
  ticketFileAccess,
  ticketMessages,
  ticketsShowingFile,
  type MessageAuthor,
} from './conversation'
export {
  rateTicket,
  registerRatingRoutes,
  satisfactionHandlers,
  sendRatingLink,
  ticketRatingRuleTemplates,
} from './satisfaction'
// Service levels (service desk): business calendar, due times, pauses, warnings and breaches.
export {
  businessCalendars,
  calendarOf,
  loadBusinessCalendar,
  saveBusinessCalendar,
  recordFirstResponse,
  registerBusinessCalendarRoutes,
  seedServiceLevels,
  setSlaClock,
  slaRuleTemplates,
  slaSweepJob,
  sweepServiceLevels,
  ticketSlaEvents,
} from './sla'
// Tickets from e-mail (service desk): the inbound endpoint, its token and its intake log.
export { addContactMessage } from './conversation'
export { registerEmailIntakeRoutes, ticketEmailIntake, ticketEmailIntakeLog } from './email-intake'
