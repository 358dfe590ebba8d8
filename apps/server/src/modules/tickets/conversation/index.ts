import type { EventSink } from '../../../core/events/bus'
import type { EventHandler } from '../../../core/events/registry'
import type { JobQueue } from '../../../core/jobs/jobs'
import { replyMailHandler } from './reply-mail.handler'
import './conversation.events'

export { ticketMessages } from './ticket-message.table'
export {
  addMessage,
  listMessages,
  pageOfMessages,
  ticketFileAccess,
  ticketsShowingFile,
  type MessageAuthor,
} from './ticket-message.service'
export { registerTicketMessageRoutes } from './ticket-message.routes'
export { langOfWorkspace, ticketContact } from './reply-mail.handler'

/** The conversation's event handlers: agents' public replies e-mailed to the ticket's contact. */
export const conversationHandlers = (deps: { jobs: JobQueue; events: EventSink }): EventHandler[] => [
  replyMailHandler(deps),
]
// The customer's message on their ticket (portal, e-mail): a public message; a waiting ticket reopens.
export { addContactMessage } from './contact-message'
