import { z } from 'zod'
import {
  contactResource,
  IdParams,
  LeadConvert,
  leadResource,
  opportunityResource,
  Problem,
} from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { convertLead } from './lead-convert.service'

export function registerLeadRoutes(app: App, db: Db) {
  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags: ['leads'],
        summary: 'Convert a lead into an account (new or existing), a contact and an opportunity',
        params: IdParams,
        body: LeadConvert,
        response: {
          200: z.object({
            lead: leadResource.Record,
            accountId: z.string(),
            contact: contactResource.Record,
            opportunity: opportunityResource.Record,
          }),
          400: Problem,
          404: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req) => db.transaction((tx) => convertLead(tx, req.ctx, req.params.id, req.body)),
  )
}
