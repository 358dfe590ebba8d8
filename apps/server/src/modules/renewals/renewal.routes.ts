import { z } from 'zod'
import { IdParams, Problem, RenewalBoard, RenewalBoardQuery, RenewalContract } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { accountRenewals, renewalBoard } from './renewal.service'

const tags = ['renewals']

export function registerRenewalRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/renewals',
    {
      schema: {
        tags,
        summary:
          'The renewal board: contracts ending per month (from–to, YYYY-MM), amounts per currency, risk = health band',
        querystring: RenewalBoardQuery,
        response: { 200: RenewalBoard, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => renewalBoard(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/accounts/:id/renewals',
    {
      schema: {
        tags,
        summary:
          "An account's renewable contracts, soonest end first, with their renewal opportunity and task",
        params: IdParams,
        response: { 200: z.object({ data: z.array(RenewalContract) }), 401: Problem, 404: Problem },
      },
    },
    async (req) => ({ data: await accountRenewals(db, req.ctx, req.params.id) }),
  )
}
