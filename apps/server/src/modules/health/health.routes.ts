import { z } from 'zod'
import {
  AccountHealth,
  HealthBacktest,
  HealthBacktestBody,
  HealthBoard,
  HealthChanges,
  HealthChangesQuery,
  HealthHistoryQuery,
  healthModelResource,
  HealthOverrideCreate,
  HealthOverrideEnd,
  HealthPreviewBody,
  HealthSnapshot,
  IdParams,
  MetricPostBody,
  Problem,
  UsageEventsBody,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import type { App } from '../../core/http/server'
import { backtest, previewModel } from './backtest.service'
import { healthModelCollection } from './health-model.collection'
import { accountHealth, healthBoard, healthChanges, healthHistory } from './health-read.service'
import { endOverride, setOverride } from './override.service'
import { ingestUsageEvents, postMetrics } from './signals.service'

const tags = ['health']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/** Health models (CRUD), signals, scores, history, what changed, overrides, the board and backtests. */
export function registerHealthRoutes(app: App, db: Db) {
  // Static routes before the collection's /:id routes.
  app.post(
    '/api/v1/health-models/backtest',
    {
      schema: {
        tags,
        summary: 'Backtest an unsaved model against past renewals and churns (R-28)',
        body: HealthBacktestBody,
        response: { 200: HealthBacktest, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        backtest(tx, req.ctx, { model: req.body.model as never, daysBefore: req.body.daysBefore }),
      ),
  )
  app.post(
    '/api/v1/health-models/preview',
    {
      schema: {
        tags,
        summary: 'The score an unsaved model gives an account now (nothing is written)',
        body: HealthPreviewBody,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => db.transaction((tx) => previewModel(tx, req.ctx, req.body as never)),
  )
  registerCollectionRoutes(app, db, healthModelCollection, healthModelResource)
  app.post(
    '/api/v1/health-models/:id/backtest',
    {
      schema: {
        tags,
        summary:
          'Backtest a saved model (optionally with changes in `model`) against past renewals and churns',
        params: IdParams,
        body: HealthBacktestBody.optional(),
        response: { 200: HealthBacktest, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        backtest(tx, req.ctx, {
          modelId: req.params.id,
          model: req.body?.model as never,
          daysBefore: req.body?.daysBefore,
        }),
      ),
  )
  app.post(
    '/api/v1/accounts/:id/metrics',
    {
      schema: {
        tags,
        summary:
          'Record metric values of an account ({metric, value, at?} or an array); the score is recomputed',
        params: IdParams,
        body: MetricPostBody,
        response: { 201: z.object({ recorded: z.number(), health: AccountHealth }), ...errors },
      },
    },
    async (req, reply) => {
      const out = await db.transaction(async (tx) => {
        const r = await postMetrics(tx, req.ctx, req.params.id, req.body)
        return { ...r, health: await accountHealth(tx, req.ctx, req.params.id) }
      })
      return reply.code(201).send(out)
    },
  )
  app.post(
    '/api/v1/usage-events',
    {
      schema: {
        tags,
        summary: 'Ingest product usage events (≤ 10,000 a call, idempotent on eventId)',
        body: UsageEventsBody,
        response: {
          202: z.object({ received: z.number(), accepted: z.number(), duplicates: z.number() }),
          ...errors,
        },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await db.transaction((tx) => ingestUsageEvents(tx, req.ctx, req.body))),
  )
  app.get(
    '/api/v1/accounts/:id/health',
    {
      schema: {
        tags,
        summary: 'The health of an account: effective score, computed score with contributions, override',
        params: IdParams,
        response: { 200: AccountHealth, ...errors },
      },
    },
    async (req) => accountHealth(db, req.ctx, req.params.id),
  )
  app.get(
    '/api/v1/accounts/:id/health/history',
    {
      schema: {
        tags,
        summary: 'Health snapshots of an account, oldest first (default: the last year)',
        params: IdParams,
        querystring: HealthHistoryQuery,
        response: { 200: z.object({ data: z.array(HealthSnapshot) }), ...errors },
      },
    },
    async (req) => healthHistory(db, req.ctx, req.params.id, req.query),
  )
  app.get(
    '/api/v1/accounts/:id/health/changes',
    {
      schema: {
        tags,
        summary:
          'What moved the score since a date: per-metric value, score and contribution before and after',
        params: IdParams,
        querystring: HealthChangesQuery,
        response: { 200: HealthChanges, ...errors },
      },
    },
    async (req) => healthChanges(db, req.ctx, req.params.id, req.query.since),
  )
  app.post(
    '/api/v1/accounts/:id/health/override',
    {
      schema: {
        tags,
        summary: 'Override the health score with a reason and an expiry (permission health_overrides)',
        params: IdParams,
        body: HealthOverrideCreate,
        response: { 201: AccountHealth, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await db.transaction((tx) => setOverride(tx, req.ctx, req.params.id, req.body))),
  )
  app.delete(
    '/api/v1/accounts/:id/health/override',
    {
      schema: {
        tags,
        summary: 'End the active override with a reason; the computed score applies again',
        params: IdParams,
        body: HealthOverrideEnd,
        response: { 200: AccountHealth, ...errors },
      },
    },
    async (req) => db.transaction((tx) => endOverride(tx, req.ctx, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/health/board',
    {
      schema: {
        tags,
        summary: 'Health board: accounts and annual spend per band, at-risk spend, 30-day movers',
        querystring: z.object({
          days: z.coerce.number().int().min(1).max(365).optional(),
          limit: z.coerce.number().int().min(1).max(50).optional(),
        }),
        response: { 200: HealthBoard, ...errors },
      },
    },
    async (req) => healthBoard(db, req.ctx, req.query),
  )
}
