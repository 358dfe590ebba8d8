import { z } from 'zod'
import { Account360, Account360Query, IdParams, Problem, TimelineItem } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { account360, accountTimeline } from './account360.service'
import { languageOf } from '../fields'

export function registerAccount360Routes(app: App, db: Db) {
  app.get(
    '/api/v1/accounts/:id/360',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Everything about an account in one call, with one merged timeline (newest first)',
        params: IdParams,
        querystring: Account360Query,
        response: { 200: Account360, 400: Problem, 404: Problem },
      },
      // The answer is assembled from records the collections already shaped; re-validating hundreds of
      // them on every read costs more than the queries, so this route only serialises (the schema documents it).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (req) =>
      account360(db, req.ctx, req.params.id, {
        kinds: req.query.kinds?.split(','),
        limit: req.query.limit,
        cursor: req.query.cursor,
        lang: languageOf(req),
      }),
  )
  app.get(
    '/api/v1/accounts/:id/timeline',
    {
      schema: {
        tags: ['accounts'],
        summary: "One page of an account's merged timeline (the 360° timeline alone, for infinite scrolling)",
        params: IdParams,
        querystring: Account360Query,
        response: {
          200: z.object({ data: z.array(TimelineItem), nextCursor: z.string().nullable() }),
          400: Problem,
          404: Problem,
        },
      },
    },
    async (req) =>
      accountTimeline(db, req.ctx, req.params.id, {
        kinds: req.query.kinds?.split(','),
        limit: req.query.limit,
        cursor: req.query.cursor,
      }),
  )
}
