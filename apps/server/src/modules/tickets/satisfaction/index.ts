import type { EventSink } from '../../../core/events/bus'
import type { EventHandler } from '../../../core/events/registry'
import type { JobQueue } from '../../../core/jobs/jobs'
import { ratingLinkHandler } from './rating-link.handler'

export { ticketRatingLinks } from './rating-link.table'
export { rateTicket, sendRatingLink, ratingTokenHash, publicRating } from './rating.service'
export { registerRatingRoutes } from './rating.routes'
export { ticketRatingRuleTemplates } from './rating-rules'

/** Satisfaction's event handlers: the rating link when a ticket is resolved or closed. */
export const satisfactionHandlers = (deps: { jobs: JobQueue; events: EventSink }): EventHandler[] => [
  ratingLinkHandler(deps),
]
