import { Problem, TicketQueue } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { listQuerySchema } from '../../core/http/collection-routes'
import { messageLanguage } from '../../core/http/language'
import type { App } from '../../core/http/server'
import { ticketCollection } from '../tickets'
import { ticketQueue } from './ticket-queue.service'

/** `GET /api/v1/ticket-queue`: the agents' queue (tickets, their accounts at a glance, counts per view). */
export function registerTicketQueueRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/ticket-queue',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'The agents’ queue: tickets (the ticket list’s filters; by default status new, open or pending, the most urgent due time first) with each account’s tier, health and open alerts, and the counts of the open tickets per view (unassigned, mine, at risk, breached) within the team filter',
        querystring: listQuerySchema(ticketCollection, { defaultSort: 'nextDueAt' }),
        response: { 200: TicketQueue, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => ticketQueue(db, req.ctx, req.query as never, messageLanguage(req)),
  )
}
