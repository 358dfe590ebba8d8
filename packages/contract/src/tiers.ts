import { z } from 'zod'
import { Currency, Id, Timestamp, Version } from './common'
import { tiers } from './records'

/**
 * Service tiers by annual spend (SPEC R-04): the workspace's thresholds, the service package of each
 * tier, an account's tier state (computed, industry-leader flag, manual override) and its history.
 */

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const nonNegative = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,16}(\.\d{1,2})?$/.test(v), 'must be an amount ≥ 0 with at most 2 decimals')

export const Tier = z.enum(tiers)
export type TierKey = (typeof tiers)[number]

/** What a tier's service package gives the account. */
export const TierEntitlements = z
  .object({
    dedicatedCsm: z.boolean(),
    team1PlusN: z.boolean().describe('a dedicated CSM plus product, engineering and industry experts'),
    quarterlyReview: z.boolean().describe('a quarterly needs review'),
    responseHours: z
      .number()
      .int()
      .min(1, 'at least 1 hour')
      .max(720, 'at most 720 hours')
      .describe("a ticket's first-response target, in business hours"),
    resolutionHours: z
      .number()
      .int()
      .min(1, 'at least 1 hour')
      .max(2160, 'at most 2160 hours')
      .describe("a ticket's resolution target, in business hours"),
    selfService: z.boolean().describe('self-service and automated support'),
  })
  .refine((e) => e.resolutionHours >= e.responseHours, {
    message: 'the resolution time must be at least the response time',
    path: ['resolutionHours'],
  })
  .meta({ id: 'TierEntitlements' })

export const TierPackage = z
  .object({
    tier: Tier,
    name: name(100),
    description: text(1000).default(''),
    entitlements: TierEntitlements,
  })
  .meta({ id: 'TierPackage' })
export type TierPackage = z.infer<typeof TierPackage>

/** The workspace's tier rules: `strategicMin` > `growthMin` ≥ 0, one package per tier. */
export const TierRules = z
  .object({
    strategicMin: z.string().describe('annual spend from which an account is strategic'),
    growthMin: z.string().describe('annual spend from which an account is growth (below: essential)'),
    currency: z.string(),
    leaderIsStrategic: z.boolean().describe('an industry leader is strategic whatever it spends'),
    packages: z.array(TierPackage),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'TierRules' })
export type TierRules = z.infer<typeof TierRules>

const packagesOk = (pkgs: TierPackage[], ctx: z.RefinementCtx) => {
  tiers.forEach((t) => {
    const n = pkgs.filter((p) => p.tier === t).length
    if (n !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: n ? `the ${t} tier has ${n} packages; give it one` : `the ${t} tier needs a package`,
      })
  })
}

export const TierRulesUpdate = z
  .object({
    version: Version,
    strategicMin: nonNegative.optional(),
    growthMin: nonNegative.optional(),
    currency: Currency.optional(),
    leaderIsStrategic: z.boolean().optional(),
    packages: z.array(TierPackage).max(3).superRefine(packagesOk).optional(),
  })
  .strict()
  .meta({ id: 'TierRulesUpdate' })

export const tierChangeReasons = ['evaluation', 'override', 'override_cleared', 'rules_changed'] as const

export const TierChange = z
  .object({
    id: Id,
    accountId: Id,
    accountName: z.string().nullable(),
    fromTier: Tier.nullable(),
    toTier: Tier,
    reason: z.enum(tierChangeReasons),
    note: z.string().nullable(),
    annualSpend: z.string().nullable(),
    industryLeader: z.boolean(),
    rule: z.object({ strategicMin: z.string(), growthMin: z.string(), currency: z.string() }),
    fromPackage: z.string().nullable(),
    toPackage: z.string(),
    changedBy: Id.nullable(),
    changedAt: Timestamp,
  })
  .meta({ id: 'TierChange' })
export type TierChange = z.infer<typeof TierChange>

export const TierChangeQuery = z.object({
  accountId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export const AccountTier = z
  .object({
    accountId: Id,
    tier: Tier.nullable(),
    computedTier: Tier.nullable().describe('what the rules give; null while the annual spend is unknown'),
    annualSpend: z.string().nullable(),
    currency: z.string(),
    industryLeader: z.boolean(),
    override: z.object({ tier: Tier, reason: z.string(), by: Id.nullable(), at: Timestamp }).nullable(),
    package: TierPackage.nullable(),
    changes: z.array(TierChange),
  })
  .meta({ id: 'AccountTier' })
export type AccountTier = z.infer<typeof AccountTier>

export const TierOverrideInput = z
  .object({
    tier: Tier,
    reason: name(500).describe('why the account is in this tier whatever it spends'),
  })
  .strict()
export const IndustryLeaderInput = z.object({ industryLeader: z.boolean() }).strict()

export const TierSummary = z
  .object({
    currency: z.string(),
    tiers: z.array(
      z.object({ tier: Tier, accounts: z.number().int(), arr: z.string(), overridden: z.number().int() }),
    ),
    unassigned: z.number().int(),
    changes90d: z.object({
      total: z.number().int(),
      upgrades: z.number().int(),
      downgrades: z.number().int(),
    }),
    recent: z.array(TierChange),
  })
  .meta({ id: 'TierSummary' })
export type TierSummary = z.infer<typeof TierSummary>
