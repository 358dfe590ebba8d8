import { z } from 'zod'
import { Id, Timestamp } from './common'
import { resource } from './resource'

/**
 * Early warning (SPEC ): alert rules evaluated over every account, the alerts they open and
 * the alert centre's actions (acknowledge, snooze, resolve with an outcome, reopen).
 */

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const key = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'a key such as no_login')

export const alertSeverities = ['info', 'warning', 'danger'] as const
export type AlertSeverity = (typeof alertSeverities)[number]
export const alertStatuses = ['open', 'acknowledged', 'snoozed', 'resolved'] as const
export type AlertStatus = (typeof alertStatuses)[number]
/** The built-in rule types; an alert's `type` is its rule's type (or any key for alerts opened by hand). */
export const alertRuleTypes = [
  'usage_drop_key_contact',
  'no_login',
  'ticket_surge',
  'payment_overdue',
  'band_at_risk',
  'champion_left',
  'economic_buyer_left',
  'key_contact_silent',
  'committee_role_uncovered',
] as const
/** The rule types that watch the relationship alone (SPEC R-29), each its own alert. */
export const relationshipAlertTypes = [
  'champion_left',
  'economic_buyer_left',
  'key_contact_silent',
  'committee_role_uncovered',
] as const satisfies readonly AlertRuleType[]
export type AlertRuleType = (typeof alertRuleTypes)[number]
/** The default outcomes an alert is resolved with (the workspace may change the list). */
export const defaultAlertOutcomes = ['retained', 'churned', 'false_alarm', 'other'] as const

const int = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`)
const num = (min: number, max: number) =>
  z.number({ error: 'must be a number' }).min(min, `at least ${min}`).max(max, `at most ${max}`)

/** The thresholds of each rule type, with their defaults (an empty `{}` takes every default). */
export const alertRuleParams = {
  usage_drop_key_contact: z
    .object({
      /** Usage (logins + feature use) down at least this many percent, last 30 days against the 30 before. */
      dropPercent: num(1, 100).default(20),
      /** The length of each compared period. */
      periodDays: int(7, 90).default(30),
      /** Only accounts with at least this much usage in the earlier period (too little says nothing). */
      minPreviousUsage: int(1, 100_000).default(10),
      /** A champion or economic buyer left, changed role or was replaced within this many days. */
      keyContactDays: int(1, 365).default(30),
    })
    .strict(),
  no_login: z.object({ days: int(1, 365).default(30) }).strict(),
  ticket_surge: z
    .object({
      /** Tickets of the last 7 days at least this many times the weekly average of the earlier weeks. */
      multiplier: num(1, 100).default(3),
      baselineWeeks: int(1, 52).default(12),
      /** …and at least this many tickets in the week, however quiet the account was before. */
      minTickets: int(1, 1000).default(3),
    })
    .strict(),
  payment_overdue: z.object({ days: int(0, 365).default(30) }).strict(),
  band_at_risk: z.object({}).strict(),
  /** A champion left within `withinDays` and no active contact is champion now (resolves when one is). */
  champion_left: z.object({ withinDays: int(1, 365).default(90) }).strict(),
  /** An economic buyer left within `withinDays` and no active contact holds the role now. */
  economic_buyer_left: z.object({ withinDays: int(1, 365).default(90) }).strict(),
  /** A champion, economic buyer or key contact (influence ≥ `minInfluence`) with no activity for `days`. */
  key_contact_silent: z
    .object({ days: int(1, 365).default(45), minInfluence: int(1, 5).default(4) })
    .strict(),
  /** A buying-committee role no active contact holds, on accounts with at least `minContacts` contacts. */
  committee_role_uncovered: z.object({ minContacts: int(1, 100).default(2) }).strict(),
} satisfies Record<AlertRuleType, z.ZodType>

export const AlertRuleEscalation = z
  .object({
    /** An alert still open (not acknowledged) this many days after it opened is raised to `severity`. */
    afterDays: int(1, 365),
    severity: z.enum(alertSeverities).default('danger'),
  })
  .strict()

export const alertRuleResource = resource(
  'AlertRule',
  {
    key,
    name: name(),
    description: text(2000),
    type: z.enum(alertRuleTypes),
    enabled: z.boolean(),
    params: z.record(z.string(), z.unknown()),
    severity: z.enum(alertSeverities),
    escalation: AlertRuleEscalation,
    /** A playbook started for the account when an alert opens: a playbook id or a template key (`retention`). */
    startPlaybook: text(100),
    /** Whether an opened alert notifies the account manager (through the rule engine's template rule). */
    notify: z.boolean(),
  },
  { required: ['name', 'type'], readOnly: { template: z.string().nullable() } },
)
export const AlertRule = alertRuleResource.Record
export type AlertRule = z.infer<typeof AlertRule>

export const alertResource = resource(
  'Alert',
  {
    accountId: Id,
    type: key,
    severity: z.enum(alertSeverities),
    reason: name(1000),
    /** The evidence: the numbers that opened the alert. */
    details: z.record(z.string(), z.unknown()),
  },
  {
    required: ['accountId', 'type', 'severity', 'reason'],
    readOnly: {
      status: z.enum(alertStatuses),
      ruleId: Id.nullable(),
      ruleKey: z.string().nullable(),
      notify: z.boolean(),
      snoozedUntil: Timestamp.nullable(),
      snoozeNote: z.string().nullable(),
      acknowledgedAt: Timestamp.nullable(),
      acknowledgedBy: Id.nullable(),
      resolvedAt: Timestamp.nullable(),
      resolvedBy: Id.nullable(),
      outcome: z.string().nullable(),
      resolutionNote: z.string().nullable(),
      reopenedAt: Timestamp.nullable(),
      escalatedAt: Timestamp.nullable(),
      playbookId: Id.nullable(),
      playbookTaskIds: z.array(Id).nullable(),
      lastSeenAt: Timestamp.nullable(),
    },
  },
)
export const Alert = alertResource.Record
export type Alert = z.infer<typeof Alert>

export const AlertSnooze = z
  .object({ until: Timestamp, note: text(2000).optional() })
  .strict()
  .meta({ id: 'AlertSnooze' })
export const AlertResolve = z
  .object({ outcome: key, note: text(2000).optional() })
  .strict()
  .meta({ id: 'AlertResolve' })
export const AlertNote = z
  .object({ note: text(2000).optional() })
  .strict()
  .meta({ id: 'AlertNote' })

export const AlertCounts = z
  .object({
    byStatus: z.record(z.enum(alertStatuses), z.number().int()),
    /** Unresolved alerts by severity. */
    bySeverity: z.record(z.enum(alertSeverities), z.number().int()),
  })
  .meta({ id: 'AlertCounts' })
export const AlertCountsQuery = z
  .object({ accountId: Id.optional(), ownerId: z.string().optional() })
  .strict()

export const AlertOutcome = z.object({ key, label: name(100) })
export const AlertSettings = z
  .object({ outcomes: z.array(AlertOutcome).min(1, 'keep at least one outcome').max(20) })
  .meta({ id: 'AlertSettings' })

export const AlertEvaluation = z
  .object({
    workspaces: z.number().int(),
    opened: z.number().int(),
    reopened: z.number().int(),
    escalated: z.number().int(),
  })
  .meta({ id: 'AlertEvaluation' })
