import {
  AccountLifecycle,
  IdParams,
  MilestoneConfirmationLink,
  MilestoneConfirmationRequest,
  milestoneResource,
  Problem,
  PublicMilestone,
  PublicMilestoneConfirm,
  PublicMilestoneConfirmed,
  TokenParams,
  ValueReport,
  ValueReportQuery,
  valueKpiResource,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { registerExportRoute } from '../../core/http/export-routes'
import type { App } from '../../core/http/server'
import { accountLifecycle } from './lifecycle.service'
import { milestoneCollection } from './milestone.collection'
import {
  confirmMilestone,
  publicMilestone,
  requestConfirmation,
  type MilestoneDeps,
} from './milestone.service'
import { valueKpiCollection } from './value-kpi.collection'
import { valueReport } from './value-report.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
/** The customer's page needs no login; a few tries a minute per address is plenty for a person. */
const publicRoute = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }

/** Lifecycle, delivery milestones (with the public confirmation page's API) and the value report. */
export function registerLifecycleRoutes(app: App, db: Db, deps: MilestoneDeps) {
  registerExportRoute(app, db, milestoneCollection, milestoneResource.Record)
  registerCollectionRoutes(app, db, milestoneCollection, milestoneResource)
  registerCollectionRoutes(app, db, valueKpiCollection, valueKpiResource)
  app.post(
    '/api/v1/milestones/:id/request-confirmation',
    {
      schema: {
        tags: ['milestones'],
        summary:
          "Send a single-use confirmation link (valid 14 days) to a contact of the milestone's account; e-mailed when SMTP and the app URL are set",
        params: IdParams,
        body: MilestoneConfirmationRequest,
        response: { 200: MilestoneConfirmationLink, ...errors },
      },
    },
    async (req) => db.transaction((tx) => requestConfirmation(tx, req.ctx, deps, req.params.id, req.body)),
  )
  app.get(
    '/api/v1/public/milestones/:token',
    {
      config: publicRoute,
      schema: {
        tags: ['milestones'],
        summary:
          'What a confirmation link asks the customer to confirm (no login; 410 when used, replaced or expired)',
        security: [],
        params: TokenParams,
        response: { 200: PublicMilestone, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) => publicMilestone(db, req.params.token),
  )
  app.post(
    '/api/v1/public/milestones/:token/confirm',
    {
      config: publicRoute,
      schema: {
        tags: ['milestones'],
        summary: "The customer's contact confirms the milestone (no login; single-use; audited)",
        security: [],
        params: TokenParams,
        body: PublicMilestoneConfirm,
        response: { 200: PublicMilestoneConfirmed, 400: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        confirmMilestone(tx, deps, req.params.token, req.body, {
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
          requestId: req.id,
        }),
      ),
  )
  app.get(
    '/api/v1/accounts/:id/lifecycle',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "The account's lifecycle stage as its records say now, the rule that decided it and the facts",
        params: IdParams,
        response: { 200: AccountLifecycle, 401: Problem, 404: Problem },
      },
    },
    async (req) => accountLifecycle(db, req.ctx, req.params.id),
  )
  app.get(
    '/api/v1/accounts/:id/value-report',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The customer value report of an account for a period (default: the last 12 months)',
        params: IdParams,
        querystring: ValueReportQuery,
        response: { 200: ValueReport, 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (req) => valueReport(db, req.ctx, req.params.id, req.query),
  )
}
