import { Problem, PublicTicketRating, TicketRated, TicketRatingAnswer, TokenParams } from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import type { App } from '../../../core/http/server'
import { publicRating, rateByToken } from './rating.service'

/** The rating page needs no login; a few tries a minute per address is plenty for a person. */
const publicRoute = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }
const tags = ['tickets']

/** The public satisfaction link: what it asks, and the contact's rating (single use). */
export function registerRatingRoutes(app: App, db: Db, deps: { events: EventSink }) {
  app.get(
    '/api/v1/public/ticket-ratings/:token',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'What a satisfaction link asks about (no login; 410 when used or expired)',
        security: [],
        params: TokenParams,
        response: { 200: PublicTicketRating, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) => publicRating(db, req.params.token),
  )
  app.post(
    '/api/v1/public/ticket-ratings/:token',
    {
      config: publicRoute,
      schema: {
        tags,
        summary:
          "The contact's rating of how the ticket was handled, 1–5 with an optional comment (no login; single use: 410 after; 400 for a score off the scale)",
        security: [],
        params: TokenParams,
        body: TicketRatingAnswer,
        response: { 200: TicketRated, 400: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) =>
      db.transaction((tx) => rateByToken(tx, deps.events, req.params.token, req.body, { requestId: req.id })),
  )
}
