import { z } from 'zod'
import {
  AccountTier,
  IdParams,
  IndustryLeaderInput,
  Problem,
  TierChange,
  TierChangeQuery,
  TierOverrideInput,
  TierRules,
  TierRulesUpdate,
  TierSummary,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { loadTierRules, saveTierRules } from './tier-settings.service'
import {
  accountTier,
  clearTierOverride,
  evaluateTiers,
  setIndustryLeader,
  setTierOverride,
  tierChanges,
  tierSummary,
} from './tier.service'

const tags = ['tiers']
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

/** Tier rules and packages, an account's tier (override, industry leader), the history and the summary. */
export function registerTierRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/tier-rules',
    {
      schema: {
        tags,
        summary: 'The service-tier thresholds (annual spend) and the service package of each tier',
        response: { 200: TierRules, 401: Problem },
      },
    },
    async (req) => loadTierRules(db, req.ctx.ws),
  )
  app.put(
    '/api/v1/tier-rules',
    {
      schema: {
        tags,
        summary:
          'Change the thresholds or packages (administrators; strategic above growth, amounts ≥ 0; send the version you read). Every account is re-evaluated at once.',
        body: TierRulesUpdate,
        response: { 200: TierRules.extend({ reevaluated: z.number().int() }), ...errors },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const { after } = await saveTierRules(tx, req.ctx, req.body)
        const r = await evaluateTiers(tx, req.ctx, { reason: 'rules_changed' })
        return { ...after, reevaluated: r.changed }
      }),
  )
  app.get(
    '/api/v1/tiers/summary',
    {
      schema: {
        tags,
        summary: 'Accounts and annual spend per tier, and the tier changes of the last 90 days',
        response: { 200: TierSummary, 401: Problem },
      },
    },
    async (req) => db.transaction((tx) => tierSummary(tx, req.ctx)),
  )
  app.get(
    '/api/v1/tier-changes',
    {
      schema: {
        tags,
        summary: 'Tier changes, newest first (optionally of one account)',
        querystring: TierChangeQuery,
        response: { 200: z.object({ data: z.array(TierChange) }), 400: Problem, 401: Problem },
      },
    },
    async (req) => db.transaction((tx) => tierChanges(tx, req.ctx, req.query)),
  )
  app.get(
    '/api/v1/accounts/:id/tier',
    {
      schema: {
        tags,
        summary:
          "An account's tier: current, computed, industry leader, override, service package and history",
        params: IdParams,
        response: { 200: AccountTier, ...errors },
      },
    },
    async (req) => db.transaction((tx) => accountTier(tx, req.ctx, req.params.id)),
  )
  app.put(
    '/api/v1/accounts/:id/tier/override',
    {
      schema: {
        tags,
        summary:
          'Pin the tier with a reason (administrators, sales managers); kept until cleared, the evaluation does not overwrite it',
        params: IdParams,
        body: TierOverrideInput,
        response: { 200: AccountTier, ...errors },
      },
    },
    async (req) => db.transaction((tx) => setTierOverride(tx, req.ctx, req.params.id, req.body)),
  )
  app.delete(
    '/api/v1/accounts/:id/tier/override',
    {
      schema: {
        tags,
        summary: 'Clear the override: the account goes back to the tier its spend earns',
        params: IdParams,
        response: { 200: AccountTier, ...errors },
      },
    },
    async (req) => db.transaction((tx) => clearTierOverride(tx, req.ctx, req.params.id)),
  )
  app.put(
    '/api/v1/accounts/:id/tier/industry-leader',
    {
      schema: {
        tags,
        summary: 'Flag the account as an industry leader (strategic whatever it spends, by default)',
        params: IdParams,
        body: IndustryLeaderInput,
        response: { 200: AccountTier, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) => setIndustryLeader(tx, req.ctx, req.params.id, req.body.industryLeader)),
  )
}
