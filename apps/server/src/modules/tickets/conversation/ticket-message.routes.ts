import {
  IdParams,
  Problem,
  TicketMessage,
  TicketMessageCreate,
  TicketMessagesQuery,
  pageOf,
} from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import type { App } from '../../../core/http/server'
import { addMessage, listMessages } from './ticket-message.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }
const tags = ['tickets']

/** A ticket's conversation: list (oldest first) and add a public reply or an internal note. */
export function registerTicketMessageRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/tickets/:id/messages',
    {
      schema: {
        tags,
        summary:
          "A ticket's conversation, oldest first: public replies and internal notes (whoever may read the ticket)",
        params: IdParams,
        querystring: TicketMessagesQuery,
        response: { 200: pageOf(TicketMessage), ...errors },
      },
    },
    async (req) => listMessages(db, req.ctx, req.params.id, req.query),
  )
  app.post(
    '/api/v1/tickets/:id/messages',
    {
      schema: {
        tags,
        summary:
          "Add a public reply (e-mailed to the ticket's contact; the first one is the ticket's first response) or an internal note (never leaves); whoever may change the ticket",
        params: IdParams,
        body: TicketMessageCreate,
        response: { 201: TicketMessage, ...errors },
      },
    },
    async (req, reply) => {
      const userId = req.ctx.principal.userId
      if (!userId)
        throw new AppError('forbidden', 'forbidden', 'Replies are written by people: sign in as a user')
      const msg = await db.transaction((tx) =>
        addMessage(tx, req.ctx, req.params.id, req.body, { kind: 'user', userId }),
      )
      return reply.code(201).send(msg)
    },
  )
}
