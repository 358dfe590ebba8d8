import { z } from 'zod'
import { Id, Timestamp } from './common'
import { buyingRoles, stances } from './records'

export const decisionMapGapCodes = [
  'role_uncovered',
  'economic_buyer_not_met',
  'high_influence_blocker',
  'single_threaded',
  'champion_silent',
] as const
export const DecisionMapGap = z
  .object({
    code: z.enum(decisionMapGapCodes),
    role: z.enum(buyingRoles).optional(),
    contactId: Id.optional(),
    message: z.string(),
  })
  .meta({ id: 'DecisionMapGap' })
export type DecisionMapGap = z.infer<typeof DecisionMapGap>

export const RolePlay = z.object({
  approach: z.string().trim().min(1).max(300),
  materials: z.array(z.string().trim().min(1).max(200)).max(20),
})
export const DecisionMapPlaybook = z
  .object(
    Object.fromEntries(buyingRoles.map((r) => [r, RolePlay])) as Record<
      (typeof buyingRoles)[number],
      typeof RolePlay
    >,
  )
  .strict()
  .meta({ id: 'DecisionMapPlaybook' })
export type DecisionMapPlaybook = z.infer<typeof DecisionMapPlaybook>

export const nextActionCodes = [
  'find_successor',
  'identify_person',
  'qualify_role',
  'address_concerns',
  'reconnect',
  'leverage_champion',
  'share_material',
] as const

export const DecisionMapContact = z.object({
  id: Id,
  name: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  email: z.string().nullable(),
  buyingRole: z.enum(buyingRoles).nullable(),
  influence: z.number().int().nullable(),
  stance: z.enum(stances).nullable(),
  relationshipStrength: z.number().int().nullable(),
  reportsToId: Id.nullable(),
  influences: z.array(Id),
  lastContactAt: Timestamp.nullable(),
  active: z.boolean(),
  /** Left the account (inactive): shown greyed, covers no role. */
  former: z.boolean(),
  leftAt: Timestamp.nullable(),
  placeholder: z.boolean(),
  ownerId: Id.nullable(),
  relationshipOwnerId: Id.nullable(),
  relationshipLevel: z.number().int().nullable(),
  targetLevel: z.number().int().nullable(),
  version: z.number().int(),
  nextBestAction: z.object({ code: z.enum(nextActionCodes), message: z.string() }),
})
export type DecisionMapContact = z.infer<typeof DecisionMapContact>

export const DecisionMap = z
  .object({
    accountId: Id,
    contacts: z.array(DecisionMapContact),
    gaps: z.array(DecisionMapGap),
    playbook: DecisionMapPlaybook,
    recentActivities: z.array(
      z.object({
        id: Id,
        kind: z.string(),
        subject: z.string(),
        occurredAt: Timestamp,
        contactIds: z.array(Id),
      }),
    ),
  })
  .meta({ id: 'DecisionMap' })
export type DecisionMap = z.infer<typeof DecisionMap>

export const DecisionMapGapsQuery = z.object({
  ownerId: Id.optional(),
  code: z.enum(decisionMapGapCodes).optional(),
})
export const DecisionMapGapReport = z.object({
  data: z.array(
    z.object({
      account: z.object({ id: Id, name: z.string(), ownerId: Id.nullable() }),
      gaps: z.array(DecisionMapGap),
    }),
  ),
})
export type DecisionMapGapReport = z.infer<typeof DecisionMapGapReport>

export const ReportsToBody = z.object({ reportsToId: Id.nullable(), version: z.number().int().optional() })

const days = (max: number) =>
  z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(max, `must be at most ${max} days`)

/** The thresholds of the gap rules, per workspace. */
export const DecisionMapGapRules = z
  .object({
    /** `economic_buyer_not_met` after this many days without an activity with the economic buyer. */
    economicBuyerDays: days(730),
    /** `champion_silent` after this many days without an activity with a champion. */
    championSilentDays: days(365),
    /** `high_influence_blocker` from this influence (1–5) on a skeptic or blocker. */
    blockerInfluence: z
      .number({ error: 'must be a whole number from 1 to 5' })
      .int('must be a whole number from 1 to 5')
      .min(1, 'must be from 1 to 5')
      .max(5, 'must be from 1 to 5'),
    /** `single_threaded` looks at the activities of this many last days… */
    singleThreadDays: days(365),
    /** …and needs at least this many of them to call the account single-threaded. */
    singleThreadMinActivities: z
      .number({ error: 'must be a whole number from 2 to 100' })
      .int('must be a whole number from 2 to 100')
      .min(2, 'must be from 2 to 100')
      .max(100, 'must be from 2 to 100'),
  })
  .strict()
  .meta({ id: 'DecisionMapGapRules' })
export type DecisionMapGapRules = z.infer<typeof DecisionMapGapRules>

/** The effective gap rules, the defaults they override and when an administrator last changed them. */
export const DecisionMapGapRulesState = DecisionMapGapRules.extend({
  defaults: DecisionMapGapRules,
  updatedAt: Timestamp.nullable(),
}).meta({ id: 'DecisionMapGapRulesState' })
export type DecisionMapGapRulesState = z.infer<typeof DecisionMapGapRulesState>

/** A deal's decision map: its own buying committee when it has one, else its account's map. */
export const OpportunityDecisionMap = DecisionMap.extend({
  opportunityId: Id,
  /** `opportunity` when the deal has its own committee (the map shows only its members), else `account`. */
  scope: z.enum(['account', 'opportunity']),
  /** The members of the deal's committee (empty when it has none). */
  committeeContactIds: z.array(Id),
}).meta({ id: 'OpportunityDecisionMap' })
export type OpportunityDecisionMap = z.infer<typeof OpportunityDecisionMap>

/** Replaces a deal's buying committee; an empty list removes it (the deal uses its account's map). */
export const CommitteeBody = z.object({
  contactIds: z.array(Id).max(100, 'a committee has at most 100 members'),
})
