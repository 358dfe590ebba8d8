import { z } from 'zod'
import { Problem, TouchBulk } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { ingestTouches } from './touch.service'

export function registerMarketingRoutes(app: App, db: Db) {
  app.post(
    '/api/v1/marketing-touches/bulk',
    {
      schema: {
        tags: ['marketing-touches'],
        summary: 'Ingest up to 10,000 touches at once; touches with a known externalId are skipped',
        body: TouchBulk,
        response: {
          200: z.object({ received: z.number(), created: z.number(), skipped: z.number() }),
          400: Problem,
          403: Problem,
        },
      },
    },
    async (req) => db.transaction((tx) => ingestTouches(tx, req.ctx, req.body)),
  )
}
