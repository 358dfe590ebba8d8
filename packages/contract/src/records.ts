import { z } from 'zod'
import { Currency, Decimal, DecimalString, Id, Money, MoneyOut, Timestamp, Day } from './common'
import { resource } from './resource'
import { LeadScoreBreakdown } from './lead-scoring'
import { apiOnly, F, field, FS, S, type FieldAnnotation } from './object-model/field-annotations'
import {
  industries,
  sizeBands,
  tiers,
  lifecycleStages,
  marketScopes,
  levels3,
  financialHealths,
  demandMaturities,
  buyingRoles,
  stances,
  leadSources,
  leadStatuses,
  opportunityStages,
  opportunityStatuses,
  opportunityTypes,
  activityKinds,
  quoteStatuses,
  orderStatuses,
  contractStatuses,
  invoiceStatuses,
  paymentStatuses,
  ticketTypes,
  ticketPriorities,
  ticketStatuses,
  slaStatuses,
  taskStatuses,
  taskSources,
  touchKinds,
  timelineKindValues,
} from './record-values'

export * from './record-values'

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const day = Day
const level = z.number().int().min(1, 'from 1 to 5').max(5, 'from 1 to 5')
const count = z.number().int().min(0, 'cannot be negative')
const amount = Decimal
const money = { out: { amount: DecimalString } }

// Object-model annotations (object-model/field-annotations.ts): what an id refers to, list flags, and
// the fields forms show read-only although the API takes them.
type Ref = 'user' | 'team' | 'account' | 'contact' | 'opportunity'
const ref = (ui: Ref, a: FieldAnnotation = {}) => field(Id, { ui, ...a })
const RO = { readOnly: true } as const

export const Industry = z.enum(industries)

export const accountResource = resource(
  'Account',
  {
    name: field(name(), S),
    industry: field(Industry, FS),
    subIndustry: text(100),
    creditCode: field(
      z
        .string()
        .trim()
        .regex(
          /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
          'must be an 18-character unified social credit code',
        ),
      F,
    ),
    domain: field(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain such as example.com'),
      F,
    ),
    website: text(300),
    phone: text(50),
    address: text(300),
    annualRevenue: field(Money, FS),
    employees: field(count, FS),
    branches: count,
    sizeBand: field(z.enum(sizeBands), F),
    region: field(text(100), F),
    marketScope: field(z.enum(marketScopes), F),
    techMaturity: field(z.enum(levels3), { enum: 'level', ...F }),
    competitorProducts: z.array(text(100)).max(50),
    decisionDepartment: text(100),
    decisionMakers: text(300),
    decisionCycleDays: count,
    painPoints: z.array(text(200)).max(50),
    profitability: field(z.enum(levels3), { enum: 'level' }),
    cashFlow: field(z.enum(levels3), { enum: 'level' }),
    paymentRisk: field(z.enum(levels3), { enum: 'level', ...F }),
    financialHealth: field(z.enum(financialHealths), F),
    annualSpend: field(Money, FS),
    tier: field(z.enum(tiers), FS),
    segment: field(text(100), { ...F, ui: 'segment' }),
    demandMaturity: field(z.enum(demandMaturities), F),
    lifecycleStage: field(z.enum(lifecycleStages), F),
    csmId: ref('user', F),
    teamId: ref('team', F),
    description: text(5000),
  },
  {
    required: ['name'],
    out: { annualRevenue: MoneyOut, annualSpend: MoneyOut },
    readOnly: {
      // Computed by the potential and health engines; lists filter on their parts (virtual fields).
      potential: apiOnly(z.object({ total: z.number(), class: z.string() }).nullable()),
      health: apiOnly(z.object({ score: z.number(), band: z.string() }).nullable()),
      /** The best fit (0–100) over the active ICPs, and that ICP (SPEC R-01). */
      icpFit: field(z.number().nullable(), { min: 0, max: 100, ...FS }),
      icpId: apiOnly(Id.nullable()),
    },
    base: { ownerId: F, updatedAt: FS, createdAt: FS },
  },
)
export const Account = accountResource.Record
export const AccountCreate = accountResource.Create
export const AccountUpdate = accountResource.Update
export type Account = z.infer<typeof Account>
export type AccountCreate = z.input<typeof AccountCreate>
export type AccountUpdate = z.input<typeof AccountUpdate>

export const contactResource = resource(
  'Contact',
  {
    accountId: ref('account', F),
    name: field(name(100), S),
    title: text(100),
    department: text(100),
    email: field(z.email('must be an e-mail address'), F),
    phone: text(50),
    buyingRole: field(z.enum(buyingRoles), F),
    influence: field(level, FS),
    stance: field(z.enum(stances), F),
    relationshipStrength: field(level, F),
    reportsToId: ref('contact', F),
    active: field(z.boolean(), F),
    notes: text(5000),
    influences: field(z.array(Id).max(50), { ui: 'contacts' }),
    // Who on our side owns the relationship, how strong it is now and where we want it (decision map).
    relationshipOwnerId: ref('user'),
    relationshipLevel: level,
    targetLevel: level,
    placeholder: z.boolean(),
  },
  {
    required: ['accountId', 'name'],
    readOnly: { lastContactedAt: field(Timestamp.nullable(), FS), leftAt: apiOnly(Timestamp.nullable()) },
    base: { ownerId: F, updatedAt: FS, createdAt: S },
  },
)

export const leadResource = resource(
  'Lead',
  {
    name: field(name(100), S),
    company: field(text(200), S),
    title: text(100),
    email: field(z.email('must be an e-mail address'), F),
    phone: text(50),
    source: field(z.enum(leadSources), { enum: 'leadSource', ...F }),
    industry: field(Industry, F),
    region: field(text(100), F),
    // Set by lead scoring; shown, not edited.
    score: field(z.number().int().min(0).max(100), { ...RO, ...FS }),
    status: field(z.enum(leadStatuses), { enum: 'leadStatus', ...F }),
    notes: text(5000),
    domain: field(text(200), F),
    creditCode: field(text(50), F),
    employees: z.number().int().min(0),
  },
  {
    required: ['name'],
    readOnly: {
      convertedAccountId: apiOnly(Id.nullable()),
      convertedAt: apiOnly(Timestamp.nullable()),
      convertedContactId: apiOnly(Id.nullable()),
      convertedOpportunityId: apiOnly(Id.nullable()),
      scoreBreakdown: apiOnly(LeadScoreBreakdown.nullable()),
      scoredAt: apiOnly(Timestamp.nullable()),
      routedAt: field(Timestamp.nullable(), F),
    },
    base: { ownerId: F, updatedAt: S, createdAt: FS },
  },
)
export const LeadConvert = z
  .object({
    accountId: Id.optional().describe('an existing account to attach to; otherwise one is created'),
    createNew: z.boolean().optional().describe('create a new account even if one has the same name'),
    opportunityName: name(200).optional(),
    amount: amount.optional(),
    currency: Currency.optional(),
  })
  .strict()

export const opportunityResource = resource(
  'Opportunity',
  {
    accountId: ref('account', F),
    name: field(name(), S),
    amount: field(amount, FS),
    currency: apiOnly(Currency),
    // Moved on the pipeline board (the stage gate) and closed with a reason there, not in the form.
    stage: field(z.enum(opportunityStages), { ...RO, ...FS }),
    status: field(z.enum(opportunityStatuses), { enum: 'opportunityStatus', ...RO, ...F }),
    type: field(z.enum(opportunityTypes), { enum: 'opportunityType', ...F }),
    probability: z.number().int().min(0).max(100),
    expectedCloseDate: field(day, FS),
    wonAt: field(Timestamp, { ...RO, ...F }),
    lostAt: apiOnly(Timestamp),
    lossReason: text(500),
    source: apiOnly(text(100)),
    description: text(5000),
    /** The pipeline the opportunity follows; null: the workspace's default pipeline. */
    pipelineId: apiOnly(Id),
  },
  {
    required: ['accountId', 'name'],
    ...money,
    // Set by POST /opportunities/:id/close.
    readOnly: { winReason: apiOnly(z.string().nullable()), closeNote: apiOnly(z.string().nullable()) },
    base: { ownerId: F, updatedAt: S, createdAt: FS },
  },
)

export const activityResource = resource(
  'Activity',
  {
    accountId: ref('account', F),
    opportunityId: ref('opportunity', F),
    // Who took part: forms offer the account's contacts; their last contact and the decision map follow.
    contactIds: field(z.array(Id).max(100, 'at most 100 contacts'), { ui: 'contacts' }),
    kind: field(z.enum(activityKinds), { enum: 'activityKind', ...F }),
    subject: name(300),
    body: text(50_000),
    occurredAt: field(Timestamp, FS),
    durationMinutes: field(
      z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
      F,
    ),
    location: apiOnly(text(300)),
    // The record the activity is about when it is not the account itself: a lead (before it has an
    // account), a contract, a quote, a custom object's record… by entity (`lead`, `contract`, the custom
    // object's key) and id. An activity needs an account or such a record; the account of a record that has
    // one is filled in.
    relatedType: apiOnly(
      z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'an object entity, e.g. lead or contract'),
    ),
    relatedId: apiOnly(Id),
  },
  { required: ['kind', 'subject'], base: { ownerId: F, updatedAt: S, createdAt: S } },
)

const commerce = (
  nameId: string,
  statuses: readonly [string, ...string[]],
  extra: Record<string, z.ZodType>,
) =>
  resource(
    nameId,
    {
      accountId: ref('account', F),
      number: field(name(60), FS),
      amount: field(amount, FS),
      currency: apiOnly(Currency),
      // Forms ask for it (the API defaults it): e.g. quoteStatus.
      status: field(z.enum(statuses), { enum: `${nameId.toLowerCase()}Status`, required: true, ...F }),
      notes: text(5000),
      ...extra,
    },
    {
      required: ['accountId', 'number', 'amount'],
      ...money,
      base: { ownerId: F, updatedAt: S, createdAt: S },
    },
  )

/** A date of a commercial record: a list filter and sort key (and a default column of most). */
const commerceDate = () => field(day, FS)

export const quoteResource = commerce('Quote', quoteStatuses, {
  opportunityId: apiOnly(Id),
  issueDate: commerceDate(),
  validUntil: commerceDate(),
  discountPercent: apiOnly(z.number().min(0).max(100)),
})
export const orderResource = commerce('Order', orderStatuses, {
  opportunityId: apiOnly(Id),
  contractId: apiOnly(Id),
  orderDate: commerceDate(),
})
export const contractResource = commerce('Contract', contractStatuses, {
  opportunityId: apiOnly(Id),
  startDate: commerceDate(),
  endDate: commerceDate(),
  signedDate: commerceDate(),
  terms: apiOnly(text(20_000)),
  /** Terms outside the standard template: the default approval flow adds a legal step. */
  nonStandardTerms: field(z.boolean(), F),
  autoRenew: apiOnly(z.boolean()),
})
export const invoiceResource = commerce('Invoice', invoiceStatuses, {
  contractId: apiOnly(Id),
  orderId: apiOnly(Id),
  issueDate: commerceDate(),
  dueDate: commerceDate(),
})
export const paymentResource = commerce('Payment', paymentStatuses, {
  invoiceId: apiOnly(Id),
  contractId: apiOnly(Id),
  dueDate: commerceDate(),
  paidDate: commerceDate(),
  method: apiOnly(z.enum(['bank_transfer', 'card', 'alipay', 'wechat_pay', 'cheque', 'other'])),
})

/** Why a ticket went to whom: the routing rule (or none), the assignment strategy and the reason in words. */
export const TicketRouting = z
  .object({
    ruleId: Id.nullable(),
    ruleName: z.string().nullable(),
    strategy: z.enum(['round_robin', 'least_open', 'named']).nullable(),
    reason: z.string(),
  })
  .meta({ id: 'TicketRouting' })
export const ticketResource = resource(
  'Ticket',
  {
    accountId: ref('account', F),
    contactId: ref('contact', F),
    type: field(z.enum(ticketTypes), { enum: 'ticketType', ...F }),
    priority: field(z.enum(ticketPriorities), FS),
    subject: name(300),
    body: text(50_000),
    status: field(z.enum(ticketStatuses), { enum: 'ticketStatus', ...F }),
    assigneeId: ref('user', F),
    teamId: ref('team', F),
    satisfaction: field(level, FS),
    channel: apiOnly(z.enum(['portal', 'email', 'phone', 'chat', 'onsite'])),
    resolvedAt: apiOnly(Timestamp),
  },
  {
    required: ['accountId', 'subject'],
    readOnly: {
      /** `TK-10001`…, per workspace, given on create. */
      number: field(z.string().nullable(), FS),
      // Service levels from the account's tier (service desk): due times, the first agent reply, status.
      firstResponseDueAt: field(Timestamp.nullable(), FS),
      resolutionDueAt: field(Timestamp.nullable(), FS),
      firstRespondedAt: field(Timestamp.nullable(), F),
      slaStatus: field(z.enum(slaStatuses).nullable(), { enum: 'slaStatus', ...FS }),
      /** What is due next: the first response until given, then the resolution; null while paused or done. */
      nextDueAt: field(Timestamp.nullable(), FS),
      slaPausedAt: apiOnly(Timestamp.nullable()),
      slaPausedMinutes: apiOnly(z.number().int().nullable()),
      routedBy: apiOnly(TicketRouting.nullable()),
      // The contact's satisfaction rating (satisfaction link or portal): their comment and when.
      satisfactionComment: field(z.string().nullable(), F),
      satisfactionAt: field(Timestamp.nullable(), FS),
    },
    base: { createdAt: FS, updatedAt: S },
  },
)

export const taskResource = resource(
  'Task',
  {
    title: name(300),
    description: text(5000),
    assigneeId: ref('user', F),
    // A role key (e.g. legal) that rules and playbooks assign a task to; not edited in the form.
    assigneeRole: field(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key'), { ...RO, ...F }),
    accountId: ref('account', F),
    relatedType: apiOnly(
      z.enum(['account', 'contact', 'lead', 'opportunity', 'contract', 'ticket', 'handoff', 'alert']),
    ),
    relatedId: apiOnly(Id),
    dueAt: field(Timestamp, FS),
    remindAt: apiOnly(Timestamp),
    priority: field(z.enum(ticketPriorities), FS),
    status: field(z.enum(taskStatuses), { enum: 'taskStatus', ...F }),
    source: field(z.enum(taskSources), { enum: 'taskSource', ...F }),
  },
  {
    required: ['title'],
    readOnly: {
      completedAt: apiOnly(Timestamp.nullable()),
      remindedAt: apiOnly(Timestamp.nullable()),
    },
    base: { ownerId: F, updatedAt: S, createdAt: S },
  },
)

export const touchResource = resource(
  'MarketingTouch',
  {
    accountId: ref('account', F),
    contactId: ref('contact', F),
    leadId: apiOnly(Id),
    kind: field(z.enum(touchKinds), { enum: 'touchKind', ...F }),
    campaign: field(text(200), F),
    title: name(300),
    url: apiOnly(text(1000)),
    occurredAt: field(Timestamp, FS),
    // The touch's id in the marketing system it came from (set by the integration, not in the form).
    externalId: field(text(200), { ...RO, ...F }),
  },
  { required: ['accountId', 'kind', 'title'], base: { updatedAt: S } },
)
export const TouchBulk = z
  .array(touchResource.Create)
  .min(1, 'send at least one touch')
  .max(10_000, 'at most 10,000 touches a call')

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
