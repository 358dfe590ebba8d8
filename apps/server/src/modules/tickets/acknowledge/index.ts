export { acknowledgementHandler } from './acknowledgement.handler'
export { acknowledgeTicket, getAcknowledgement } from './acknowledgement.service'
export { registerAcknowledgementRoutes } from './acknowledgement.routes'
export { ticketAcknowledgements } from './acknowledgement.table'
