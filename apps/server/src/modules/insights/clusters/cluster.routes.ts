import { AccountClusters, ClusterRunStarted, Lookalikes, LookalikesQuery, Problem } from '@openkam/contract'
import { z } from 'zod'
import type { Db } from '../../../core/db/types'
import type { App } from '../../../core/http/server'
import { languageOf } from '../../fields'
import type { InsightDeps } from '../deps'
import { clustersView, lookalikesView, startClusterRun } from './cluster-read.service'

const tags = ['insights']
const LangQuery = z.object({ lang: z.enum(['en', 'zh-CN']).optional() }).strict()

/** High-value traits: start a clustering run, read the latest clusters and the accounts like the best. */
export function registerClusterRoutes(app: App, db: Db, deps: InsightDeps) {
  app.post(
    '/api/v1/insights/clusters/run',
    {
      schema: {
        tags,
        summary:
          'Cluster the accounts now (a background job; 202 with its id — the one already queued or running if there is one). Takes reading all accounts.',
        response: { 202: ClusterRunStarted, 401: Problem, 403: Problem },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await db.transaction((tx) => startClusterRun(tx, req.ctx, deps.jobs))),
  )
  app.get(
    '/api/v1/insights/clusters',
    {
      schema: {
        tags,
        summary:
          'The latest clustering: k (chosen by silhouette), each cluster’s size, ARR, renewal rate, mean health, traits and description in the caller’s language, the best cluster marked, and the run in progress. Empty (k 0, a message) before any run.',
        querystring: LangQuery,
        response: { 200: AccountClusters, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => db.transaction((tx) => clustersView(tx, req.ctx, languageOf(req))),
  )
  app.get(
    '/api/v1/insights/clusters/lookalikes',
    {
      schema: {
        tags,
        summary:
          'Accounts like our best: accounts and prospects not yet class A nor strategic, nearest the best cluster’s centre first, with distance, similarity (share of the best cluster’s own accounts further away) and the traits they share. Only accounts the caller may read.',
        querystring: LookalikesQuery.extend({ lang: z.enum(['en', 'zh-CN']).optional() }),
        response: { 200: Lookalikes, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => db.transaction((tx) => lookalikesView(tx, req.ctx, languageOf(req), req.query.limit)),
  )
}
