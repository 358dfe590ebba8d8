import { z } from 'zod'
import {
  AccountIcpFit,
  AccountPotential,
  icpResource,
  IdParams,
  PotentialPut,
  PotentialRanking,
  PotentialRankingQuery,
  PotentialScore,
  Problem,
  scoringModelResource,
  SegmentMatrix,
  SegmentMatrixQuery,
  SegmentOf,
  SegmentSettings,
  SegmentSettingsPut,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import type { App } from '../../core/http/server'
import { accountFits } from './fit.service'
import { icpCollection } from './icp.collection'
import { accountPotential, potentialRanking, putPotential } from './potential.service'
import { scoringModelCollection } from './scoring-model.collection'
import { accountSegment, getSegmentSettings, putSegmentSettings, segmentMatrix } from './segment.service'

const tags = ['qualification']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

/** ICPs and fits, scoring models, potential scores and the ranking, segments. */
export function registerQualificationRoutes(app: App, db: Db) {
  registerCollectionRoutes(app, db, icpCollection, icpResource)
  registerCollectionRoutes(app, db, scoringModelCollection, scoringModelResource)
  app.get(
    '/api/v1/accounts/:id/icp-fits',
    {
      schema: {
        tags,
        summary:
          "The account's fit to each active ICP, best first, with matched, missed and unknown dimensions",
        params: IdParams,
        response: { 200: z.object({ data: z.array(AccountIcpFit) }), ...errors },
      },
    },
    async (req) => accountFits(db, req.ctx, req.params.id),
  )
  app.put(
    '/api/v1/accounts/:id/potential',
    {
      schema: {
        tags,
        summary:
          'Score the potential of an account (integers 1–5 per dimension) → total, class, contributions',
        params: IdParams,
        body: PotentialPut,
        response: { 200: PotentialScore, ...errors },
      },
    },
    async (req) => db.transaction((tx) => putPotential(tx, req.ctx, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/accounts/:id/potential',
    {
      schema: {
        tags,
        summary: 'The current potential score of an account and its history (who, when, why), newest first',
        params: IdParams,
        response: { 200: AccountPotential, ...errors },
      },
    },
    async (req) => accountPotential(db, req.ctx, req.params.id),
  )
  app.get(
    '/api/v1/potential/ranking',
    {
      schema: {
        tags,
        summary:
          'Accounts ranked by potential with owner; A-class accounts without owner or plan are flagged',
        querystring: PotentialRankingQuery,
        response: { 200: PotentialRanking, ...errors },
      },
    },
    async (req) => potentialRanking(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/segments/settings',
    {
      schema: {
        tags,
        summary: 'Size thresholds and, per cell, the outreach strategy and service level',
        response: { 200: SegmentSettings, ...errors },
      },
    },
    async (req) => getSegmentSettings(db, req.ctx),
  )
  app.put(
    '/api/v1/segments/settings',
    {
      schema: {
        tags,
        summary: 'Change thresholds and cells (administrators); cells set to null are removed',
        body: SegmentSettingsPut,
        response: { 200: SegmentSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => putSegmentSettings(tx, req.ctx, req.body)),
  )
  app.get(
    '/api/v1/segments/matrix',
    {
      schema: {
        tags,
        summary:
          'Size × demand maturity: accounts, ARR and average health per cell (optionally one industry)',
        querystring: SegmentMatrixQuery,
        response: { 200: SegmentMatrix, ...errors },
      },
    },
    async (req) => segmentMatrix(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/accounts/:id/segment',
    {
      schema: {
        tags,
        summary: "The account's segment with its strategy and service level",
        params: IdParams,
        response: { 200: SegmentOf, ...errors },
      },
    },
    async (req) => accountSegment(db, req.ctx, req.params.id),
  )
}
