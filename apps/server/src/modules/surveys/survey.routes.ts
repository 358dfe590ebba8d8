import { z } from 'zod'
import {
  IdParams,
  NpsQuery,
  NpsReport,
  pageOf,
  Problem,
  PublicSurvey,
  PublicSurveyAnswer,
  PublicSurveyAnswered,
  SurveyInvitation,
  SurveyResponse,
  SurveySend,
  SurveySendResult,
  surveyResource,
  TokenParams,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { listQuerySchema, registerCollectionRoutes } from '../../core/http/collection-routes'
import { registerExportRoute } from '../../core/http/export-routes'
import type { App } from '../../core/http/server'
import { accountCollection } from '../accounts'
import { npsReport } from './nps-report.service'
import { surveyCollection, surveyResponseCollection } from './survey.collection'
import { invitationsOf } from './survey.repository'
import { answerSurvey, publicSurvey, sendSurvey, type SurveyDeps } from './survey.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }
/** The survey page needs no login; a few tries a minute per address is plenty for a person. */
const publicRoute = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }
const tags = ['surveys']

/** Surveys (collection, send, invitations), answers (read-only), the NPS report and the public answer API. */
export function registerSurveyRoutes(app: App, db: Db, deps: SurveyDeps) {
  registerExportRoute(app, db, surveyCollection, surveyResource.Record)
  registerCollectionRoutes(app, db, surveyCollection, surveyResource)
  app.post(
    '/api/v1/surveys/:id/send',
    {
      schema: {
        tags,
        summary:
          'Invite the active contacts (with an e-mail) of accounts, tiers, segments or chosen contacts; skips open invitations and answers; dryRun only counts',
        params: IdParams,
        body: SurveySend,
        response: { 200: SurveySendResult, ...errors },
      },
    },
    async (req) => db.transaction((tx) => sendSurvey(tx, req.ctx, deps, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/surveys/:id/invitations',
    {
      schema: {
        tags,
        summary: 'The invitations of a survey (newest first, at most 1000), of the accounts you may see',
        params: IdParams,
        response: { 200: z.object({ data: z.array(SurveyInvitation) }), ...errors },
      },
    },
    async (req) => {
      await surveyCollection.get(db, req.ctx, req.params.id)
      const visible = accountCollection.visibility(req.ctx, accountCollection.scope(req.ctx, 'read'))
      const now = Date.now()
      const rows = await invitationsOf(db, req.ctx.ws, req.params.id, visible)
      return {
        data: rows.map((r) => ({
          ...r,
          sentAt: r.sentAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
          answeredAt: r.answeredAt?.toISOString() ?? null,
          status: r.answeredAt
            ? ('answered' as const)
            : r.expiresAt.getTime() <= now
              ? ('expired' as const)
              : ('open' as const),
        })),
      }
    },
  )
  app.get(
    '/api/v1/survey-responses',
    {
      schema: {
        tags,
        summary: 'List survey answers (sort=score shows detractors first)',
        querystring: listQuerySchema(surveyResponseCollection),
        response: { 200: pageOf(SurveyResponse), ...errors },
      },
    },
    async (req) => surveyResponseCollection.list(db, req.ctx, req.query as never),
  )
  app.get(
    '/api/v1/survey-responses/:id',
    {
      schema: {
        tags,
        summary: 'One survey answer',
        params: IdParams,
        response: { 200: SurveyResponse, ...errors },
      },
    },
    async (req) => surveyResponseCollection.get(db, req.ctx, req.params.id),
  )
  app.get(
    '/api/v1/nps',
    {
      schema: {
        tags,
        summary:
          'NPS by account, segment, tier or month over a period (each contact counts once per group: their latest answer)',
        querystring: NpsQuery,
        response: { 200: NpsReport, ...errors },
      },
    },
    async (req) => npsReport(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/public/surveys/:token',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'What a survey link asks (no login; 410 when answered, closed or expired)',
        security: [],
        params: TokenParams,
        response: { 200: PublicSurvey, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) => publicSurvey(db, req.params.token),
  )
  app.post(
    '/api/v1/public/surveys/:token',
    {
      config: publicRoute,
      schema: {
        tags,
        summary:
          "The contact's answer (no login; single use; 422 when the score is off the survey's scale, 410 when used or expired)",
        security: [],
        params: TokenParams,
        body: PublicSurveyAnswer,
        response: {
          200: PublicSurveyAnswered,
          400: Problem,
          404: Problem,
          410: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (req) =>
      db.transaction((tx) => answerSurvey(tx, deps, req.params.token, req.body, { requestId: req.id })),
  )
}
