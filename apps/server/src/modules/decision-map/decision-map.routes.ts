import {
  collectionResources,
  DecisionMap,
  DecisionMapGapReport,
  DecisionMapGapsQuery,
  DecisionMapPlaybook,
  IdParams,
  Problem,
  ReportsToBody,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { decisionMap, gapReport, getPlaybook, putPlaybook, setReportsTo } from './decision-map.service'
import type { Playbook } from './playbook'

const tags = ['decision-map']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/** The decision map of an account, the team's gap report, the playbook and re-parenting. */
export function registerDecisionMapRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/accounts/:id/decision-map',
    {
      schema: {
        tags,
        summary: "An account's buying committee (former contacts flagged), its gaps and next best actions",
        params: IdParams,
        response: { 200: DecisionMap, ...errors },
      },
    },
    async (req) => db.transaction((tx) => decisionMap(tx, req.ctx, req.params.id)),
  )
  app.get(
    '/api/v1/decision-map/gaps',
    {
      schema: {
        tags,
        summary: 'The visible accounts with decision-map gaps, optionally of one owner or one gap code',
        querystring: DecisionMapGapsQuery,
        response: { 200: DecisionMapGapReport, ...errors },
      },
    },
    async (req) => db.transaction((tx) => gapReport(tx, req.ctx, req.query)),
  )
  app.get(
    '/api/v1/decision-map/playbook',
    {
      schema: {
        tags,
        summary: "The workspace's approach and material per buying role",
        response: { 200: DecisionMapPlaybook, ...errors },
      },
    },
    async (req) => db.transaction((tx) => getPlaybook(tx, req.ctx)),
  )
  app.put(
    '/api/v1/decision-map/playbook',
    {
      schema: {
        tags,
        summary: "Replace the workspace's playbook (administrators)",
        body: DecisionMapPlaybook,
        response: { 200: DecisionMapPlaybook, ...errors },
      },
    },
    async (req) => db.transaction((tx) => putPlaybook(tx, req.ctx, req.body as Playbook)),
  )
  app.post(
    '/api/v1/contacts/:id/reports-to',
    {
      schema: {
        tags,
        summary:
          'Re-parent a contact; a reporting loop is refused (422 reporting_cycle) with the chain named',
        params: IdParams,
        body: ReportsToBody,
        response: { 200: collectionResources.contacts.Record, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req) => db.transaction((tx) => setReportsTo(tx, req.ctx, req.params.id, req.body)),
  )
}
