import { z } from 'zod'
import { Id, Timestamp } from './common'

// ── Expansion: cross-sell and upsell suggestions, revenue retention (issue 23, point 4) ──────────────

export const expansionKinds = ['upsell', 'cross_sell'] as const
export const expansionStatuses = ['open', 'accepted', 'dismissed'] as const
export const expansionRules = [
  'seat_pressure',
  'feature_limit',
  'peer_module',
  'renewal_window',
  'tier_line',
] as const

export const ExpansionSuggestion = z
  .object({
    id: Id,
    accountId: Id,
    kind: z.enum(expansionKinds),
    /** The rule that made it. */
    rule: z.enum(expansionRules),
    /** What it rests on (one open suggestion per account and basis), e.g. `seats`, `module:analytics`. */
    basis: z.string(),
    /** Why, in the caller's language. */
    reason: z.string(),
    /** The figures behind it. */
    evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    status: z.enum(expansionStatuses),
    /** The opportunity accepting it created. */
    opportunityId: Id.nullable(),
    acceptedAt: Timestamp.nullable(),
    dismissReason: z.string().nullable(),
    dismissedAt: Timestamp.nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'ExpansionSuggestion' })

export const ExpansionSuggestionQuery = z.object({
  accountId: Id.optional(),
  /** One status or several, comma-separated (default: all). */
  status: z
    .string()
    .regex(/^(open|accepted|dismissed)(,(open|accepted|dismissed))*$/, {
      error: 'status takes open, accepted or dismissed (comma-separated)',
    })
    .optional(),
  kind: z.enum(expansionKinds).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
})

export const ExpansionSuggestionPage = z
  .object({ data: z.array(ExpansionSuggestion), nextCursor: z.string().nullable() })
  .meta({ id: 'ExpansionSuggestionPage' })

export const ExpansionDismiss = z
  .object({
    reason: z
      .string({ error: 'reason is required: say why the suggestion does not fit' })
      .trim()
      .min(1, { error: 'reason is required: say why the suggestion does not fit' })
      .max(1000),
  })
  .meta({ id: 'ExpansionDismiss' })

export const ExpansionJobStarted = z.object({ jobId: Id }).meta({ id: 'ExpansionJobStarted' })

export const retentionPeriods = ['month', 'quarter', 'year'] as const
export const retentionGroupings = ['none', 'tier', 'owner'] as const

export const RevenueRetentionQuery = z.object({
  period: z.enum(retentionPeriods).default('quarter'),
  groupBy: z.enum(retentionGroupings).default('none'),
})

export const RetentionFigures = z.object({
  /** The group: a tier key, an owner's id, or `all`; null: accounts without a tier or owner. */
  key: z.string().nullable(),
  /** The owner's name (groupBy=owner). */
  label: z.string().nullable(),
  /** Accounts with contracts in force on the first day of the period. */
  accounts: z.number().int(),
  startArr: z.number(),
  endArr: z.number(),
  expansion: z.number(),
  contraction: z.number(),
  churned: z.number(),
  /** Percent, one decimal; null without a starting value. */
  grr: z.number().nullable(),
  nrr: z.number().nullable(),
})

export const RevenueRetention = z
  .object({
    period: z.enum(retentionPeriods),
    groupBy: z.enum(retentionGroupings),
    asOf: z.string(),
    periods: z.array(
      z.object({ from: z.string(), to: z.string(), running: z.boolean(), groups: z.array(RetentionFigures) }),
    ),
  })
  .meta({ id: 'RevenueRetention' })

export type ExpansionSuggestion = z.infer<typeof ExpansionSuggestion>
export type RevenueRetention = z.infer<typeof RevenueRetention>
export type RetentionFigures = z.infer<typeof RetentionFigures>
