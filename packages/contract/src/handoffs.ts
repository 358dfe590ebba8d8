import { z } from 'zod'
import { Id, MoneyOut, Timestamp, Version, Day, Month } from './common'
import { lifecycleStages } from './records'
import { resource } from './resource'
import { ValueFigures } from './value-report'
import { apiOnly, F, field, FS } from './object-model/field-annotations'

/**
 * The account lifecycle after a deal is won (SPEC ): the sales → CSM handoff, delivery
 * milestones the customer confirms, renewals and the customer value report.
 */

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const day = Day
const itemKey = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'a key such as decision_chain')

const uniqueKeys = (items: { key: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.key))
      ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `the key ${item.key} is used twice` })
    seen.add(item.key)
  })
}

// ── handoffs ─────────────────────────────────────────────────────────────────

export const handoffStatuses = ['open', 'submitted', 'validated'] as const
export type HandoffStatus = (typeof handoffStatuses)[number]

/** One item of a handoff checklist: what the salesperson writes down, and whether it is done. */
export const HandoffChecklistItem = z
  .object({
    key: itemKey,
    label: name(200),
    value: text(5000).nullable().default(null),
    done: z.boolean().default(false),
  })
  .meta({ id: 'HandoffChecklistItem' })
export type HandoffChecklistItem = z.infer<typeof HandoffChecklistItem>

export const handoffResource = resource(
  'Handoff',
  {
    accountId: field(Id, { ui: 'account', ...F }),
    opportunityId: field(Id, { ui: 'opportunity', ...F }),
    salesOwnerId: field(Id, { ui: 'user', ...F }),
    csmId: field(Id, { ui: 'user', ...F }),
    dueAt: field(Timestamp, FS),
    checklist: apiOnly(z.array(HandoffChecklistItem).max(30, 'at most 30 items').superRefine(uniqueKeys)),
    /** The first-year value goal both owners share (SPEC R-10). */
    valueGoal: text(2000),
    notes: text(5000),
  },
  {
    required: ['accountId'],
    readOnly: {
      status: field(z.enum(handoffStatuses), { enum: 'handoffStatus', ...FS }),
      submittedAt: Timestamp.nullable(),
      validationDueAt: field(Timestamp.nullable(), FS),
      validatedAt: Timestamp.nullable(),
      validationComment: apiOnly(z.string().nullable()),
      /** When the handoff was escalated for missing its due time (once). */
      escalatedAt: field(Timestamp.nullable(), F),
      /** When the validation was escalated for missing its due time (once). */
      validationEscalatedAt: Timestamp.nullable(),
    },
    base: { ownerId: F, updatedAt: { sortable: true }, createdAt: { sortable: true } },
  },
)
export const Handoff = handoffResource.Record
export type Handoff = z.infer<typeof Handoff>

export const HandoffValidate = z
  .object({ comment: text(2000).optional() })
  .strict()
  .meta({ id: 'HandoffValidate' })

/** A checklist item of the workspace template (what every new handoff starts with). */
export const HandoffChecklistTemplateItem = z.object({ key: itemKey, label: name(200) })

export const HandoffSettings = z
  .object({
    checklist: z.array(HandoffChecklistTemplateItem),
    /** Hours after the deal is won by which the handoff is due (default 72). */
    dueHours: z.number().int(),
    /** Days after submission by which the CSM validates it (default 30). */
    validationDays: z.number().int(),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'HandoffSettings' })
export type HandoffSettings = z.infer<typeof HandoffSettings>

export const HandoffSettingsUpdate = z
  .object({
    version: Version,
    checklist: z
      .array(HandoffChecklistTemplateItem)
      .min(1, 'keep at least one item')
      .max(30, 'at most 30 items')
      .superRefine(uniqueKeys)
      .optional(),
    dueHours: z.number().int().min(1, 'at least 1 hour').max(720, 'at most 720 hours').optional(),
    validationDays: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days').optional(),
  })
  .strict()
  .meta({ id: 'HandoffSettingsUpdate' })

// ── milestones ───────────────────────────────────────────────────────────────

export const milestoneStatuses = ['pending', 'awaiting_confirmation', 'confirmed'] as const
export type MilestoneStatus = (typeof milestoneStatuses)[number]

export const milestoneResource = resource(
  'Milestone',
  {
    accountId: Id,
    opportunityId: Id,
    title: name(200),
    description: text(5000),
    dueDate: day,
  },
  {
    required: ['accountId', 'title'],
    readOnly: {
      status: z.enum(milestoneStatuses),
      confirmationContactId: Id.nullable(),
      confirmationRequestedAt: Timestamp.nullable(),
      confirmationExpiresAt: Timestamp.nullable(),
      confirmedAt: Timestamp.nullable(),
      confirmedByName: z.string().nullable(),
      confirmationComment: z.string().nullable(),
    },
  },
)
export const Milestone = milestoneResource.Record
export type Milestone = z.infer<typeof Milestone>

export const MilestoneConfirmationRequest = z
  .object({ contactId: Id })
  .strict()
  .meta({ id: 'MilestoneConfirmationRequest' })

export const MilestoneConfirmationLink = z
  .object({
    /** Absolute when the workspace has an app URL (Settings → Channels), else the path. */
    url: z.string(),
    path: z.string(),
    expiresAt: Timestamp,
    milestone: Milestone,
    /** The e-mail to the contact: pending (queued), or skipped with the reason. */
    email: z.object({ status: z.string(), error: z.string().nullable() }),
  })
  .meta({ id: 'MilestoneConfirmationLink' })

/** What the customer's contact sees on the confirmation page (no login). */
export const PublicMilestone = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    dueDate: z.string().nullable(),
    accountName: z.string(),
    workspaceName: z.string(),
    contactName: z.string().nullable(),
    requestedBy: z.string().nullable(),
    expiresAt: Timestamp,
    locale: z.string(),
  })
  .meta({ id: 'PublicMilestone' })

export const PublicMilestoneConfirm = z
  .object({ name: name(100), comment: text(2000).optional() })
  .strict()
  .meta({ id: 'PublicMilestoneConfirm' })

export const PublicMilestoneConfirmed = z
  .object({ title: z.string(), confirmedAt: Timestamp, confirmedByName: z.string() })
  .meta({ id: 'PublicMilestoneConfirmed' })

export const TokenParams = z.object({ token: z.string().min(10).max(200) })

// ── renewals ─────────────────────────────────────────────────────────────────

const month = Month

export const RenewalBoardQuery = z
  .object({
    from: month.optional().describe('first month (default: this month)'),
    to: month.optional().describe('last month (default: two months after from); at most 24 months'),
  })
  .strict()

export const MoneyTotal = z.object({ currency: z.string(), amount: z.string() })

export const RenewalContract = z
  .object({
    contractId: Id,
    number: z.string(),
    status: z.string(),
    accountId: Id,
    accountName: z.string(),
    endDate: z.string(),
    daysLeft: z.number().int(),
    amount: MoneyOut,
    autoRenew: z.boolean(),
    /** The account's health band; null when it has not been scored. */
    risk: z.string().nullable(),
    healthScore: z.number().nullable(),
    ownerId: Id.nullable(),
    csmId: Id.nullable(),
    renewalOpportunityId: Id.nullable(),
    renewalTaskId: Id.nullable(),
  })
  .meta({ id: 'RenewalContract' })
export type RenewalContract = z.infer<typeof RenewalContract>

export const RenewalMonth = z
  .object({
    month: z.string(),
    count: z.number().int(),
    atRisk: z.number().int(),
    totals: z.array(MoneyTotal),
    contracts: z.array(RenewalContract),
  })
  .meta({ id: 'RenewalMonth' })

export const RenewalBoard = z
  .object({
    from: z.string(),
    to: z.string(),
    months: z.array(RenewalMonth),
    totals: z.array(MoneyTotal),
  })
  .meta({ id: 'RenewalBoard' })
export type RenewalBoard = z.infer<typeof RenewalBoard>

// ── lifecycle ────────────────────────────────────────────────────────────────

/** Why an account is in its lifecycle stage (the first rule that held, and the facts it saw). */
export const lifecycleReasons = [
  'contract_ending',
  'handoff_pending',
  'milestones_open',
  'renewal_opportunity',
  'active_contract',
  'recent_win',
  'open_opportunity',
  'nothing_yet',
] as const

export const AccountLifecycle = z
  .object({
    accountId: Id,
    stage: z.enum(lifecycleStages),
    reason: z.enum(lifecycleReasons),
    facts: z.object({
      openOpportunities: z.number().int(),
      openRenewalOpportunities: z.number().int(),
      recentWin: z.boolean(),
      activeContract: z.boolean(),
      contractEndingSoon: z.boolean(),
      pendingHandoff: z.boolean(),
      openMilestones: z.number().int(),
    }),
  })
  .meta({ id: 'AccountLifecycle' })
export type AccountLifecycle = z.infer<typeof AccountLifecycle>

// ── customer value report ────────────────────────────────────────────────────

export const ValueReportQuery = z
  .object({
    from: day.optional().describe('first day (default: a year before to)'),
    to: day.optional().describe('last day (default: today)'),
  })
  .strict()

export const ValueReport = z
  .object({
    account: z.object({
      id: Id,
      name: z.string(),
      tier: z.string().nullable(),
      industry: z.string().nullable(),
      lifecycleStage: z.string().nullable(),
      ownerId: Id.nullable(),
      csmId: Id.nullable(),
    }),
    period: z.object({ from: z.string(), to: z.string() }),
    generatedAt: Timestamp,
    valueGoal: z.string().nullable(),
    contracts: z.object({
      activeCount: z.number().int(),
      activeValue: z.array(MoneyTotal),
      items: z.array(
        z.object({
          id: Id,
          number: z.string(),
          status: z.string(),
          amount: MoneyOut,
          startDate: z.string().nullable(),
          endDate: z.string().nullable(),
        }),
      ),
    }),
    health: z.object({ score: z.number(), band: z.string() }).nullable(),
    tickets: z.object({
      opened: z.number().int(),
      resolved: z.number().int(),
      resolutionRate: z.number().nullable(),
      averageResolutionHours: z.number().nullable(),
      satisfaction: z.number().nullable(),
      satisfactionResponses: z.number().int(),
    }),
    meetings: z.object({ held: z.number().int(), minutes: z.number().int() }),
    milestones: z.object({
      total: z.number().int(),
      confirmed: z.number().int(),
      awaiting: z.number().int(),
      items: z.array(
        z.object({
          id: Id,
          title: z.string(),
          dueDate: z.string().nullable(),
          status: z.enum(milestoneStatuses),
          confirmedAt: Timestamp.nullable(),
          confirmedByName: z.string().nullable(),
        }),
      ),
    }),
    renewals: z.array(RenewalContract),
    /** Measured outcomes: usage, tickets, goals met and the customer's before/after KPIs. */
    figures: ValueFigures,
  })
  .meta({ id: 'ValueReport' })
export type ValueReport = z.infer<typeof ValueReport>
