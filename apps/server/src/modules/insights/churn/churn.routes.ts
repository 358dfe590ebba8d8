import {
  AccountChurnRisk,
  ChurnModelStatus,
  ChurnRiskList,
  ChurnRiskListQuery,
  ChurnTrainStarted,
  IdParams,
  Problem,
} from '@openkam/contract'
import { scopeFor } from '../../../core/access/permissions'
import type { Db } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import { messageLanguage } from '../../../core/http/language'
import type { App } from '../../../core/http/server'
import type { InsightDeps } from '../deps'
import { accountChurnRisk, churnRiskList, modelStatus, requestTraining } from './churn.service'

const tags = ['insights']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/** The churn model's status and training, an account's risk with its drivers, and accounts by risk. */
export function registerChurnRoutes(app: App, db: Db, deps: InsightDeps) {
  app.get(
    '/api/v1/insights/churn-model',
    {
      schema: {
        tags,
        summary:
          'The churn model: trained (held-out AUC, samples, when) or refused for too little history (why)',
        response: { 200: ChurnModelStatus, ...errors },
      },
    },
    async (req) => {
      if (scopeFor(req.ctx.principal, 'accounts', 'read') === 'none')
        throw new AppError(
          'forbidden',
          'forbidden',
          'Reading the churn model needs permission to read accounts',
        )
      return deps.reads.transaction((tx) => modelStatus(tx, req.ctx, messageLanguage(req)))
    },
  )
  app.post(
    '/api/v1/insights/churn-model/train',
    {
      schema: {
        tags,
        summary:
          'Train the churn model now (a job; its progress shows in GET /insights/churn-model `training`)',
        response: { 202: ChurnTrainStarted, ...errors },
      },
    },
    async (req, reply) => {
      if (scopeFor(req.ctx.principal, 'workspace', 'update') !== 'all')
        throw new AppError('forbidden', 'forbidden', 'Only administrators may train the churn model')
      const out = await db.transaction((tx) => requestTraining(tx, deps.jobs, req.ctx))
      return reply.code(202).send(out)
    },
  )
  app.get(
    '/api/v1/insights/churn-risk',
    {
      schema: {
        tags,
        summary: 'Accounts by churn risk, highest first, with their top drivers (the accounts you may read)',
        querystring: ChurnRiskListQuery,
        response: { 200: ChurnRiskList, ...errors },
      },
    },
    async (req) =>
      deps.reads.transaction((tx) => churnRiskList(tx, req.ctx, req.query, messageLanguage(req))),
  )
  app.get(
    '/api/v1/accounts/:id/churn-risk',
    {
      schema: {
        tags,
        summary: "An account's churn risk with its drivers (beside, never instead of, the health score)",
        params: IdParams,
        response: { 200: AccountChurnRisk, ...errors },
      },
    },
    async (req) => db.transaction((tx) => accountChurnRisk(tx, req.ctx, req.params.id, messageLanguage(req))),
  )
}
