import {
  collectionResources,
  CommitteeBody,
  DecisionMap,
  DecisionMapGapReport,
  DecisionMapGapRules,
  DecisionMapGapRulesState,
  DecisionMapGapsQuery,
  DecisionMapPlaybook,
  IdParams,
  OpportunityDecisionMap,
  Problem,
  ReportsToBody,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { opportunityDecisionMap, putCommittee } from './committee.service'
import { decisionMap, gapReport, getPlaybook, putPlaybook, setReportsTo } from './decision-map.service'
import { getGapRules, putGapRules } from './gap-rules.service'
import type { Playbook } from './playbook'

const tags = ['decision-map']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/**
 * The decision map of an account or a deal, the team's gap report, the playbook, the gap rules, deal
 * committees and re-parenting.
 */
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
  app.get(
    '/api/v1/decision-map/gap-rules',
    {
      schema: {
        tags,
        summary: "The workspace's gap-rule thresholds in effect, and their defaults",
        response: { 200: DecisionMapGapRulesState, ...errors },
      },
    },
    async (req) => db.transaction((tx) => getGapRules(tx, req.ctx)),
  )
  app.put(
    '/api/v1/decision-map/gap-rules',
    {
      schema: {
        tags,
        summary:
          "Replace the workspace's gap-rule thresholds (administrators); every out-of-range value is listed",
        body: DecisionMapGapRules,
        response: { 200: DecisionMapGapRulesState, ...errors },
      },
    },
    async (req) => db.transaction((tx) => putGapRules(tx, req.ctx, req.body)),
  )
  app.get(
    '/api/v1/opportunities/:id/decision-map',
    {
      schema: {
        tags,
        summary:
          "A deal's buying committee with its gaps (scope opportunity), or its account's map when it has none (scope account)",
        params: IdParams,
        response: { 200: OpportunityDecisionMap, ...errors },
      },
    },
    async (req) => db.transaction((tx) => opportunityDecisionMap(tx, req.ctx, req.params.id)),
  )
  app.put(
    '/api/v1/opportunities/:id/committee',
    {
      schema: {
        tags,
        summary:
          "Replace a deal's buying committee with contacts of its account; an empty list removes it. Answers the deal's map",
        params: IdParams,
        body: CommitteeBody,
        response: { 200: OpportunityDecisionMap, ...errors },
      },
    },
    async (req) => db.transaction((tx) => putCommittee(tx, req.ctx, req.params.id, req.body)),
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
