import { z } from 'zod'
import { Id, IdParams, Problem } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { handover } from './handover.service'

export const HandoverBody = z.object({ toUserId: Id }).strict()
export const HandoverResult = z.object({
  fromUserId: Id,
  toUserId: Id,
  accounts: z.number().int(),
  opportunities: z.number().int(),
  tasks: z.number().int(),
})

export function registerHandoverRoutes(app: App, db: Db) {
  app.post(
    '/api/v1/users/:id/handover',
    {
      schema: {
        tags: ['users'],
        summary: "Move a leaving person's accounts, open opportunities and open tasks to someone else",
        params: IdParams,
        body: HandoverBody,
        response: { 200: HandoverResult, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => db.transaction((tx) => handover(tx, req.ctx, req.params.id, req.body.toUserId)),
  )
}
