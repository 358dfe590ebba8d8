import { z } from 'zod'
import {
  pageOf,
  Problem,
  ticketRoutingRuleResource,
  TicketRoutingReorder,
  TicketRoutingRule,
} from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Db, Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import { registerCollectionRoutes } from '../../../core/http/collection-routes'
import type { App } from '../../../core/http/server'
import { routingRuleCollection } from './routing-rule.collection'
import { liveRules } from './routing.repository'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/**
 * Puts the workspace's routing rules in the order given: every rule once. Each rule whose place changes
 * is updated through the collection (version, audit entry and event, as any change).
 */
export async function reorderRoutingRules(tx: Executor, ctx: Ctx, ids: string[]) {
  routingRuleCollection.scope(ctx, 'update')
  const live = await liveRules(tx, ctx.ws)
  const known = new Set(live.map((r) => r.id))
  const problems: { path: string; message: string }[] = []
  ids.forEach((id, i) => {
    if (!known.has(id)) problems.push({ path: `ids.${i}`, message: 'no such routing rule in this workspace' })
    else if (ids.indexOf(id) !== i) problems.push({ path: `ids.${i}`, message: 'listed twice' })
  })
  const missing = live.filter((r) => !ids.includes(r.id))
  if (missing.length)
    problems.push({
      path: 'ids',
      message: `list every rule; missing: ${missing.map((r) => r.id).join(', ')}`,
    })
  if (problems.length)
    throw new AppError('invalid', 'invalid_input', 'The new order must list every routing rule once', {
      errors: problems,
    })
  const byId = new Map(live.map((r) => [r.id, r]))
  for (const [i, id] of ids.entries()) {
    const r = byId.get(id)!
    if (r.order !== i + 1)
      await routingRuleCollection.update(tx, ctx, id, { version: r.version, order: i + 1 })
  }
  return routingRuleCollection.list(tx, ctx, { limit: 500, sort: 'order' })
}

/** `/api/v1/ticket-routing-rules`: CRUD (listed by order) and `POST …/reorder`. */
export function registerTicketRoutingRoutes(app: App, db: Db) {
  app.post(
    '/api/v1/ticket-routing-rules/reorder',
    {
      schema: {
        tags: ['ticket-routing-rules'],
        summary: 'Put the routing rules in a new order (every rule once, first first)',
        body: TicketRoutingReorder,
        response: { 200: pageOf(TicketRoutingRule), ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        reorderRoutingRules(tx, req.ctx, (req.body as z.infer<typeof TicketRoutingReorder>).ids),
      ),
  )
  registerCollectionRoutes(app, db, routingRuleCollection, ticketRoutingRuleResource)
}
