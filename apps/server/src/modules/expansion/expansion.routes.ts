import { z } from 'zod'
import {
  ExpansionJobStarted,
  ExpansionSuggestion,
  ExpansionSuggestionPage,
  ExpansionSuggestionQuery,
  IdParams,
  opportunityResource,
  Problem,
  RevenueRetention,
  RevenueRetentionQuery,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Db } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { messageLanguage } from '../../core/http/language'
import type { App } from '../../core/http/server'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { expansionSuggestionCollection as suggestions } from './expansion.collection'
import { EXPANSION_JOB } from './expansion.jobs'
import { acceptSuggestion, dismissSuggestion, suggestionView } from './expansion.service'
import { revenueRetention } from './retention.service'

const tags = ['expansion']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const lang = (req: Parameters<typeof messageLanguage>[0]) => (messageLanguage(req) === 'en' ? 'en' : 'zh-CN')

/** Cross-sell and upsell suggestions (list, accept, dismiss, generate) and revenue retention. */
export function registerExpansionRoutes(app: App, db: Db, deps: { jobs: JobQueue; reads: Db }) {
  app.get(
    '/api/v1/expansion-suggestions',
    {
      schema: {
        tags,
        summary:
          'Cross-sell and upsell suggestions of the accounts you can see (filter by account, status, kind)',
        querystring: ExpansionSuggestionQuery,
        response: { 200: ExpansionSuggestionPage, ...errors },
      },
    },
    async (req) => {
      const page = await suggestions.list(db, req.ctx, req.query)
      return { data: page.data.map((r) => suggestionView(r, lang(req))), nextCursor: page.nextCursor }
    },
  )
  app.post(
    '/api/v1/expansion-suggestions/generate',
    {
      schema: {
        tags,
        summary: 'Generate suggestions now for this workspace, as a job (administrators)',
        response: { 202: ExpansionJobStarted, ...errors },
      },
    },
    async (req, reply) => {
      if (scopeFor(req.ctx.principal, 'workspace', 'update') !== 'all')
        throw new AppError('forbidden', 'forbidden', 'Only administrators may generate suggestions on demand')
      const jobId = newId()
      await deps.jobs.send(null, EXPANSION_JOB, { ws: req.ctx.ws, jobId })
      return reply.code(202).send({ jobId })
    },
  )
  app.post(
    '/api/v1/expansion-suggestions/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Accept a suggestion: creates an upsell or cross-sell opportunity linked to it (409 if done)',
        params: IdParams,
        response: { 201: opportunityResource.Record, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await db.transaction((tx) => acceptSuggestion(tx, req.ctx, req.params.id, lang(req)))),
  )
  app.post(
    '/api/v1/expansion-suggestions/:id/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss a suggestion, saying why (400 without a reason); not suggested again for 90 days',
        params: IdParams,
        body: z.object({ reason: z.string().max(1000).optional() }).optional(),
        response: { 200: ExpansionSuggestion, ...errors },
      },
    },
    async (req) => {
      const rec = await db.transaction((tx) =>
        dismissSuggestion(tx, req.ctx, req.params.id, req.body?.reason),
      )
      return suggestionView(rec, lang(req))
    },
  )
  app.get(
    '/api/v1/insights/revenue-retention',
    {
      schema: {
        tags,
        summary:
          'Expansion revenue, gross and net revenue retention per month, quarter or year, by tier or owner',
        querystring: RevenueRetentionQuery,
        response: { 200: RevenueRetention, ...errors },
      },
    },
    async (req) => revenueRetention(deps.reads, req.ctx, req.query),
  )
}
