import { z } from 'zod'
import { serializerCompiler } from 'fastify-type-provider-zod'
import {
  Dashboard,
  DashboardCreate,
  DashboardData,
  DashboardFilters,
  DashboardSubscription,
  DashboardSubscriptionCreate,
  DashboardSubscriptionUpdate,
  DashboardUpdate,
  IdParams,
  Problem,
} from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import type { EventSink } from '../../../core/events/bus'
import type { JobDef, JobQueue } from '../../../core/jobs/jobs'
import { registerCollectionRoutes } from '../../../core/http/collection-routes'
import { messageLanguage } from '../../../core/http/language'
import type { App } from '../../../core/http/server'
import { dashboardData } from './dashboard-data.service'
import { dashboardCollection } from './dashboard.collection'
import { subscriptionCollection } from './subscription.collection'
import { runDueSubscriptions, sendSubscription } from './subscription.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

const orEmpty = <T extends z.ZodType>(s: T) => z.union([z.literal(''), s]).optional()
/** The dashboard's filters to override (an empty value clears the dashboard's own) and `refresh`. */
export const DashboardDataQuery = z
  .object({
    ownerId: orEmpty(DashboardFilters.shape.ownerId.unwrap()),
    teamId: orEmpty(DashboardFilters.shape.teamId.unwrap()),
    period: orEmpty(DashboardFilters.shape.period.unwrap()),
    tier: orEmpty(DashboardFilters.shape.tier.unwrap()),
    segment: orEmpty(DashboardFilters.shape.segment.unwrap()),
    refresh: z
      .enum(['true', 'false'])
      .default('false')
      .describe('compute again instead of serving the cache'),
    lang: z.enum(['en', 'zh-CN']).optional().describe('labels in this language; Accept-Language by default'),
  })
  .strict()

const SendOutcome = z.object({
  deliveries: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      userId: z.string().nullable(),
      status: z.string(),
      error: z.string().nullable(),
    }),
  ),
})

export type DashboardDeps = {
  jobs: JobQueue
  events: EventSink
  parallel?: boolean
  /** What the widgets' data is read through (the read replica when there is one); default `db`. */
  reads?: Db
}

/** Dashboards (CRUD and data) and dashboard subscriptions (CRUD and send now). */
export function registerDashboardRoutes(app: App, db: Db, deps: DashboardDeps) {
  registerCollectionRoutes(
    app,
    db,
    dashboardCollection,
    { Record: Dashboard, Create: DashboardCreate, Update: DashboardUpdate },
    'dashboards',
  )
  app.get(
    '/api/v1/dashboards/:id/data',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          "Every widget's data with the dashboard's filters (the query's over them); served from a five-minute cache per filter set (cached, asOf) unless refresh=true; a widget that cannot answer carries its error",
        params: IdParams,
        querystring: DashboardDataQuery,
        response: { 200: DashboardData, ...errors },
      },
      // The answer is built here to the schema; re-validating it on every (cached) view would cost more
      // than serving it — so 200 is plain JSON, the other statuses keep the zod serializer.
      serializerCompiler: (route) =>
        route.httpStatus === '200'
          ? (data: unknown) => JSON.stringify(data)
          : serializerCompiler(route as never),
    },
    async (req) => {
      const { refresh, lang, ...filters } = req.query
      return dashboardData(deps.reads ?? db, req.ctx, req.params.id, {
        lang: lang ?? messageLanguage(req),
        filters,
        refresh: refresh === 'true',
        parallel: deps.parallel,
        log: req.log,
      })
    },
  )
  registerCollectionRoutes(
    app,
    db,
    subscriptionCollection,
    {
      Record: DashboardSubscription,
      Create: DashboardSubscriptionCreate,
      Update: DashboardSubscriptionUpdate,
    },
    'dashboards',
  )
  app.post(
    '/api/v1/dashboard-subscriptions/:id/send',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          "Send a subscription's summary now (to try it): the subscriber's view of the dashboard through its channel; the schedule is unchanged",
        params: IdParams,
        response: { 200: SendOutcome, ...errors },
      },
    },
    async (req) => {
      const sub = await subscriptionCollection.get(db, req.ctx, req.params.id)
      const out = await sendSubscription(
        { db, jobs: deps.jobs, events: deps.events },
        { ...sub, workspaceId: req.ctx.ws, lastSentAt: null },
      )
      if (!out)
        throw new AppError(
          'unprocessable',
          'subscription_not_sendable',
          'The subscriber is no longer active or may no longer read this dashboard',
        )
      return { deliveries: out }
    },
  )
}

/** The hourly sending of due dashboard subscriptions (manual with `{ws}`: that workspace's due ones now). */
export const dashboardJobs = (): JobDef<{ ws?: string }>[] => [
  {
    name: 'dashboard_subscriptions',
    cron: '0 * * * *',
    manual: true,
    retryLimit: 0,
    handle: (data, ctx) => runDueSubscriptions(ctx, data ?? {}),
  },
]
