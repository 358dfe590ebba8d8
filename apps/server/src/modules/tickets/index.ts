export { ticketCollection } from './ticket.collection'
export { tickets } from './ticket.table'
