import { z } from 'zod'
import { Currency, Decimal, DecimalString, Id, Money, MoneyOut, Timestamp } from './common'
import { resource } from './resource'
import { LeadScoreBreakdown } from './lead-scoring'

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const day = z.iso.date({ error: 'must be a date like 2026-01-31' })
const level = z.number().int().min(1, 'from 1 to 5').max(5, 'from 1 to 5')
const count = z.number().int().min(0, 'cannot be negative')
const amount = Decimal
const money = { out: { amount: DecimalString } }

export const industries = [
  'manufacturing',
  'finance',
  'retail',
  'healthcare',
  'education',
  'saas',
  'logistics',
  'energy',
  'government',
  'other',
] as const
export const Industry = z.enum(industries)
export const sizeBands = ['large', 'growth', 'small'] as const
export const tiers = ['strategic', 'growth', 'essential'] as const
export const lifecycleStages = [
  'lead_nurturing',
  'opportunity',
  'delivery',
  'value_operations',
  'renewal',
] as const
export const marketScopes = ['local', 'regional', 'national', 'international'] as const
export const levels3 = ['low', 'medium', 'high'] as const
export const financialHealths = ['weak', 'fair', 'strong'] as const
export const demandMaturities = ['awareness', 'evaluation', 'decision', 'retention'] as const

export const accountResource = resource(
  'Account',
  {
    name: name(),
    industry: Industry,
    subIndustry: text(100),
    creditCode: z
      .string()
      .trim()
      .regex(
        /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
        'must be an 18-character unified social credit code',
      ),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain such as example.com'),
    website: text(300),
    phone: text(50),
    address: text(300),
    annualRevenue: Money,
    employees: count,
    branches: count,
    sizeBand: z.enum(sizeBands),
    region: text(100),
    marketScope: z.enum(marketScopes),
    techMaturity: z.enum(levels3),
    competitorProducts: z.array(text(100)).max(50),
    decisionDepartment: text(100),
    decisionMakers: text(300),
    decisionCycleDays: count,
    painPoints: z.array(text(200)).max(50),
    profitability: z.enum(levels3),
    cashFlow: z.enum(levels3),
    paymentRisk: z.enum(levels3),
    financialHealth: z.enum(financialHealths),
    annualSpend: Money,
    tier: z.enum(tiers),
    segment: text(100),
    demandMaturity: z.enum(demandMaturities),
    lifecycleStage: z.enum(lifecycleStages),
    csmId: Id,
    teamId: Id,
    description: text(5000),
  },
  {
    required: ['name'],
    out: { annualRevenue: MoneyOut, annualSpend: MoneyOut },
    readOnly: {
      potential: z.object({ total: z.number(), class: z.string() }).nullable(),
      health: z.object({ score: z.number(), band: z.string() }).nullable(),
      /** The best fit (0–100) over the active ICPs, and that ICP (SPEC R-01). */
      icpFit: z.number().nullable(),
      icpId: Id.nullable(),
    },
  },
)
export const Account = accountResource.Record
export const AccountCreate = accountResource.Create
export const AccountUpdate = accountResource.Update
export type Account = z.infer<typeof Account>
export type AccountCreate = z.input<typeof AccountCreate>
export type AccountUpdate = z.input<typeof AccountUpdate>

export const buyingRoles = [
  'user',
  'technical_evaluator',
  'influencer',
  'financial_controller',
  'economic_buyer',
] as const
export const stances = ['champion', 'supporter', 'neutral', 'skeptic', 'blocker'] as const

export const contactResource = resource(
  'Contact',
  {
    accountId: Id,
    name: name(100),
    title: text(100),
    department: text(100),
    email: z.email('must be an e-mail address'),
    phone: text(50),
    buyingRole: z.enum(buyingRoles),
    influence: level,
    stance: z.enum(stances),
    relationshipStrength: level,
    reportsToId: Id,
    active: z.boolean(),
    notes: text(5000),
    influences: z.array(Id).max(50),
    relationshipOwnerId: Id,
    relationshipLevel: level,
    targetLevel: level,
    placeholder: z.boolean(),
  },
  {
    required: ['accountId', 'name'],
    readOnly: { lastContactedAt: Timestamp.nullable(), leftAt: Timestamp.nullable() },
  },
)

export const leadSources = ['website', 'ads', 'event', 'referral', 'import', 'partner', 'other'] as const
export const leadStatuses = ['new', 'working', 'qualified', 'converted', 'disqualified'] as const
export const leadResource = resource(
  'Lead',
  {
    name: name(100),
    company: text(200),
    title: text(100),
    email: z.email('must be an e-mail address'),
    phone: text(50),
    source: z.enum(leadSources),
    industry: Industry,
    region: text(100),
    score: z.number().int().min(0).max(100),
    status: z.enum(leadStatuses),
    notes: text(5000),
    domain: text(200),
    creditCode: text(50),
    employees: z.number().int().min(0),
  },
  {
    required: ['name'],
    readOnly: {
      convertedAccountId: Id.nullable(),
      convertedAt: Timestamp.nullable(),
      convertedContactId: Id.nullable(),
      convertedOpportunityId: Id.nullable(),
      scoreBreakdown: LeadScoreBreakdown.nullable(),
      scoredAt: Timestamp.nullable(),
      routedAt: Timestamp.nullable(),
    },
  },
)
export const LeadConvert = z
  .object({
    accountId: Id.optional().describe('an existing account to attach to; otherwise one is created'),
    createNew: z.boolean().optional().describe('create a new account even if one has the same name'),
    opportunityName: text(200).optional(),
    amount: amount.optional(),
    currency: Currency.optional(),
  })
  .strict()

export const opportunityStages = [
  'discovery',
  'solution',
  'negotiation',
  'implementation',
  'account_management',
] as const
export const opportunityStatuses = ['open', 'won', 'lost'] as const
export const opportunityTypes = ['new_business', 'upsell', 'cross_sell', 'renewal'] as const
export const opportunityResource = resource(
  'Opportunity',
  {
    accountId: Id,
    name: name(),
    amount,
    currency: Currency,
    stage: z.enum(opportunityStages),
    status: z.enum(opportunityStatuses),
    type: z.enum(opportunityTypes),
    probability: z.number().int().min(0).max(100),
    expectedCloseDate: day,
    wonAt: Timestamp,
    lostAt: Timestamp,
    lossReason: text(500),
    source: text(100),
    description: text(5000),
    /** The pipeline the opportunity follows; null: the workspace's default pipeline. */
    pipelineId: Id,
  },
  {
    required: ['accountId', 'name'],
    ...money,
    // Set by POST /opportunities/:id/close.
    readOnly: { winReason: z.string().nullable(), closeNote: z.string().nullable() },
  },
)

export const activityKinds = ['call', 'email', 'meeting', 'visit', 'enquiry', 'note'] as const
export const activityResource = resource(
  'Activity',
  {
    accountId: Id,
    opportunityId: Id,
    contactIds: z.array(Id).max(100),
    kind: z.enum(activityKinds),
    subject: name(300),
    body: text(50_000),
    occurredAt: Timestamp,
    durationMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    location: text(300),
  },
  { required: ['accountId', 'kind', 'subject'] },
)

const commerce = (
  nameId: string,
  statuses: readonly [string, ...string[]],
  extra: Record<string, z.ZodType>,
) =>
  resource(
    nameId,
    {
      accountId: Id,
      number: name(60),
      amount,
      currency: Currency,
      status: z.enum(statuses),
      notes: text(5000),
      ...extra,
    },
    { required: ['accountId', 'number', 'amount'], ...money },
  )

export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const
export const quoteResource = commerce('Quote', quoteStatuses, {
  opportunityId: Id,
  issueDate: day,
  validUntil: day,
  discountPercent: z.number().min(0).max(100),
})
export const orderStatuses = ['pending', 'confirmed', 'fulfilled', 'cancelled'] as const
export const orderResource = commerce('Order', orderStatuses, {
  opportunityId: Id,
  contractId: Id,
  orderDate: day,
})
export const contractStatuses = ['draft', 'pending_approval', 'approved', 'active', 'ended'] as const
export const contractResource = commerce('Contract', contractStatuses, {
  opportunityId: Id,
  startDate: day,
  endDate: day,
  signedDate: day,
  terms: text(20_000),
  autoRenew: z.boolean(),
})
export const invoiceStatuses = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'void'] as const
export const invoiceResource = commerce('Invoice', invoiceStatuses, {
  contractId: Id,
  orderId: Id,
  issueDate: day,
  dueDate: day,
})
export const paymentStatuses = ['pending', 'paid', 'overdue', 'failed', 'refunded'] as const
export const paymentResource = commerce('Payment', paymentStatuses, {
  invoiceId: Id,
  contractId: Id,
  dueDate: day,
  paidDate: day,
  method: z.enum(['bank_transfer', 'card', 'alipay', 'wechat_pay', 'cheque', 'other']),
})

export const ticketTypes = ['question', 'incident', 'problem', 'feature_request', 'complaint'] as const
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const
export const ticketStatuses = ['new', 'open', 'pending', 'resolved', 'closed'] as const
export const ticketResource = resource(
  'Ticket',
  {
    accountId: Id,
    contactId: Id,
    type: z.enum(ticketTypes),
    priority: z.enum(ticketPriorities),
    subject: name(300),
    body: text(50_000),
    status: z.enum(ticketStatuses),
    assigneeId: Id,
    teamId: Id,
    satisfaction: level,
    channel: z.enum(['portal', 'email', 'phone', 'chat', 'onsite']),
    resolvedAt: Timestamp,
  },
  { required: ['accountId', 'subject'] },
)

export const taskStatuses = ['open', 'done', 'cancelled'] as const
export const taskSources = ['manual', 'rule', 'playbook', 'sop'] as const
export const taskResource = resource(
  'Task',
  {
    title: name(300),
    description: text(5000),
    assigneeId: Id,
    assigneeRole: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key'),
    accountId: Id,
    relatedType: z.enum([
      'account',
      'contact',
      'lead',
      'opportunity',
      'contract',
      'ticket',
      'handoff',
      'alert',
    ]),
    relatedId: Id,
    dueAt: Timestamp,
    remindAt: Timestamp,
    priority: z.enum(ticketPriorities),
    status: z.enum(taskStatuses),
    source: z.enum(taskSources),
  },
  {
    required: ['title'],
    readOnly: { completedAt: Timestamp.nullable(), remindedAt: Timestamp.nullable() },
  },
)

export const touchKinds = [
  'event_attended',
  'email_clicked',
  'email_opened',
  'page_visited',
  'form_submitted',
  'webinar_attended',
] as const
export const touchResource = resource(
  'MarketingTouch',
  {
    accountId: Id,
    contactId: Id,
    leadId: Id,
    kind: z.enum(touchKinds),
    campaign: text(200),
    title: name(300),
    url: text(1000),
    occurredAt: Timestamp,
    externalId: text(200),
  },
  { required: ['accountId', 'kind', 'title'] },
)
export const TouchBulk = z
  .array(touchResource.Create)
  .min(1, 'send at least one touch')
  .max(10_000, 'at most 10,000 touches a call')

export const timelineKindValues = [
  'activity',
  'ticket',
  'opportunity',
  'quote',
  'order',
  'contract',
  'invoice',
  'payment',
  'marketing',
  'task',
  /** A record of a custom object related to the account (refType: the object's key). */
  'custom',
] as const
export const TimelineItem = z
  .object({
    kind: z.enum(timelineKindValues),
    at: Timestamp,
    title: z.string(),
    refType: z.string(),
    refId: Id,
    subtype: z.string().nullable(),
  })
  .meta({ id: 'TimelineItem' })

export const Account360Query = z
  .object({
    kinds: z
      .string()
      .regex(
        new RegExp(`^(${timelineKindValues.join('|')})(,(${timelineKindValues.join('|')}))*$`),
        `a comma-separated list of ${timelineKindValues.join(', ')}`,
      )
      .optional()
      .describe('timeline kinds to include'),
    limit: z.coerce.number().int().min(1).max(500, 'at most 500').default(50).describe('timeline page size'),
    cursor: z.string().optional().describe('timelineNextCursor of the previous answer'),
  })
  .strict()

export const Account360 = z
  .object({
    account: Account,
    contacts: z.array(contactResource.Record),
    decisionMap: z.object({
      coverage: z.record(z.string(), z.number()),
      uncoveredRoles: z.array(z.enum(buyingRoles)),
      champions: z.array(Id),
      blockers: z.array(Id),
    }),
    timeline: z.array(TimelineItem),
    timelineNextCursor: z.string().nullable(),
    opportunities: z.array(opportunityResource.Record),
    quotes: z.array(quoteResource.Record),
    contracts: z.array(contractResource.Record),
    orders: z.array(orderResource.Record),
    invoices: z.array(invoiceResource.Record),
    payments: z.array(paymentResource.Record),
    tickets: z.array(ticketResource.Record),
    marketing: z.array(touchResource.Record),
    health: Account.shape.health,
    potential: Account.shape.potential,
    tasks: z.array(taskResource.Record),
    alerts: z.array(z.unknown()),
    /** NPS of the last 12 months (each contact's latest answer); null without answers (docs/surveys.md). */
    nps: z
      .object({
        responses: z.number().int(),
        promoters: z.number().int(),
        passives: z.number().int(),
        detractors: z.number().int(),
        nps: z.number().nullable(),
      })
      .nullable()
      .optional(),
    /** Records of custom objects pointing at the account (e.g. site visits), one list per relation field. */
    related: z
      .array(
        z.object({
          object: z.string(),
          label: z.string(),
          pluralLabel: z.string(),
          field: z.string(),
          records: z.array(z.unknown()),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Account360' })

/** The wire schemas of every record collection, by its URL name (shared by server routes and web forms). */
export const collectionResources = {
  accounts: accountResource,
  contacts: contactResource,
  leads: leadResource,
  opportunities: opportunityResource,
  activities: activityResource,
  quotes: quoteResource,
  orders: orderResource,
  contracts: contractResource,
  invoices: invoiceResource,
  payments: paymentResource,
  tickets: ticketResource,
  tasks: taskResource,
  'marketing-touches': touchResource,
} as const
