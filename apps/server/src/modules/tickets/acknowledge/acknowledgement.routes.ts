import { IdParams, Problem, TicketAcknowledgement } from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import type { App } from '../../../core/http/server'
import { messageLanguage } from '../../../core/http/language'
import { translateMessage } from '../../../core/http/translate-message'
import { getAcknowledgement } from './acknowledgement.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/** How a ticket's contact was told it was received (e-mail and SMS, with each outcome). */
export function registerAcknowledgementRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/tickets/:id/acknowledgement',
    {
      schema: {
        tags: ['tickets'],
        summary:
          "How the ticket's contact was told it was received: the e-mail and SMS sent, to which address, and how each went",
        params: IdParams,
        response: { 200: TicketAcknowledgement, ...errors },
      },
    },
    async (req) => {
      const lang = messageLanguage(req)
      return getAcknowledgement(db, req.ctx, req.params.id, (m) => translateMessage(m, lang))
    },
  )
}
