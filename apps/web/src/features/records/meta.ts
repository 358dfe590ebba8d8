import {
  activityKinds,
  buyingRoles,
  contractStatuses,
  handoffStatuses,
  demandMaturities,
  financialHealths,
  industries,
  invoiceStatuses,
  leadSources,
  leadStatuses,
  levels3,
  lifecycleStages,
  marketScopes,
  opportunityStages,
  opportunityStatuses,
  opportunityTypes,
  orderStatuses,
  paymentStatuses,
  quoteStatuses,
  sizeBands,
  stances,
  taskSources,
  taskStatuses,
  ticketPriorities,
  ticketStatuses,
  ticketTypes,
  tiers,
  touchKinds,
} from '@openkam/contract'

/** How a field is shown, filtered and edited. `enum` names the translation group under `enums.`. */
export type FieldType =
  | { type: 'text' | 'textarea' | 'email' | 'tags' }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'money' | 'decimal' }
  | { type: 'date' | 'datetime' | 'bool' }
  | { type: 'enum'; enum: string; values: readonly string[] }
  | { type: 'user' | 'account' | 'contact' | 'opportunity' | 'team' }
  /** Several contacts of the record's account (ids). */
  | { type: 'contacts' }

export type Field = FieldType & { key: string; required?: boolean; readOnly?: boolean }

export type CollectionMeta = {
  name: string
  /** Translation key of the plural title, under `nav.`. */
  title: string
  fields: Field[]
  /** Columns shown by default (others can be switched on). */
  columns: string[]
  /** Fields offered as list filters. */
  filters: string[]
  /** Sort keys the API accepts. */
  sorts: string[]
  defaultSort: string
  /** The field that names a record (first column, link to the record). */
  titleField: string
}

const e = (key: string, enumName: string, values: readonly string[], required = false): Field => ({
  key,
  type: 'enum',
  enum: enumName,
  values,
  required,
})
const f = (key: string, type: Exclude<FieldType['type'], 'enum'>, required = false): Field =>
  ({ key, type, required }) as Field

export const collections: Record<string, CollectionMeta> = {
  accounts: {
    name: 'accounts',
    title: 'accounts',
    titleField: 'name',
    fields: [
      f('name', 'text', true),
      e('industry', 'industry', industries),
      f('subIndustry', 'text'),
      e('tier', 'tier', tiers),
      e('sizeBand', 'sizeBand', sizeBands),
      f('annualSpend', 'money'),
      f('annualRevenue', 'money'),
      f('employees', 'number'),
      f('branches', 'number'),
      f('region', 'text'),
      e('marketScope', 'marketScope', marketScopes),
      e('lifecycleStage', 'lifecycleStage', lifecycleStages),
      e('demandMaturity', 'demandMaturity', demandMaturities),
      f('segment', 'text'),
      { key: 'icpFit', type: 'number', min: 0, max: 100, readOnly: true },
      f('creditCode', 'text'),
      f('domain', 'text'),
      f('website', 'text'),
      f('phone', 'text'),
      f('address', 'text'),
      e('techMaturity', 'level', levels3),
      f('competitorProducts', 'tags'),
      f('decisionDepartment', 'text'),
      f('decisionMakers', 'text'),
      f('decisionCycleDays', 'number'),
      f('painPoints', 'tags'),
      e('profitability', 'level', levels3),
      e('cashFlow', 'level', levels3),
      e('paymentRisk', 'level', levels3),
      e('financialHealth', 'financialHealth', financialHealths),
      f('ownerId', 'user'),
      f('csmId', 'user'),
      f('teamId', 'team'),
      f('description', 'textarea'),
      f('updatedAt', 'datetime'),
    ],
    columns: ['name', 'industry', 'tier', 'annualSpend', 'region', 'lifecycleStage', 'ownerId', 'updatedAt'],
    filters: [
      'industry',
      'tier',
      'sizeBand',
      'lifecycleStage',
      'ownerId',
      'csmId',
      'icpFit',
      'annualSpend',
      'updatedAt',
    ],
    sorts: ['name', 'updatedAt', 'createdAt', 'annualSpend', 'annualRevenue', 'employees', 'icpFit'],
    defaultSort: '-updatedAt',
  },
  contacts: {
    name: 'contacts',
    title: 'contacts',
    titleField: 'name',
    fields: [
      f('name', 'text', true),
      f('accountId', 'account', true),
      f('title', 'text'),
      f('department', 'text'),
      f('email', 'email'),
      f('phone', 'text'),
      e('buyingRole', 'buyingRole', buyingRoles),
      { key: 'influence', type: 'number', min: 1, max: 5 },
      e('stance', 'stance', stances),
      { key: 'relationshipStrength', type: 'number', min: 1, max: 5 },
      f('reportsToId', 'contact'),
      f('influences', 'contacts'),
      // Who on our side owns the relationship, how strong it is now and where we want it (decision map).
      f('relationshipOwnerId', 'user'),
      { key: 'relationshipLevel', type: 'number', min: 1, max: 5 },
      { key: 'targetLevel', type: 'number', min: 1, max: 5 },
      f('placeholder', 'bool'),
      f('active', 'bool'),
      f('lastContactedAt', 'datetime'),
      f('ownerId', 'user'),
      f('notes', 'textarea'),
    ],
    columns: ['name', 'accountId', 'title', 'buyingRole', 'stance', 'influence', 'lastContactedAt'],
    filters: ['buyingRole', 'stance', 'accountId', 'ownerId', 'active'],
    sorts: ['name', 'updatedAt', 'influence', 'lastContactedAt'],
    defaultSort: 'name',
  },
  leads: {
    name: 'leads',
    title: 'leads',
    titleField: 'name',
    fields: [
      f('name', 'text', true),
      f('company', 'text'),
      f('title', 'text'),
      f('email', 'email'),
      f('phone', 'text'),
      e('source', 'leadSource', leadSources),
      e('industry', 'industry', industries),
      f('region', 'text'),
      f('domain', 'text'),
      { key: 'employees', type: 'number', min: 0 },
      { key: 'score', type: 'number', min: 0, max: 100, readOnly: true },
      e('status', 'leadStatus', leadStatuses),
      f('ownerId', 'user'),
      f('notes', 'textarea'),
      f('createdAt', 'datetime'),
    ],
    columns: ['name', 'company', 'source', 'score', 'status', 'ownerId', 'createdAt'],
    filters: ['status', 'source', 'industry', 'ownerId'],
    sorts: ['updatedAt', 'createdAt', 'name', 'score'],
    defaultSort: '-updatedAt',
  },
  opportunities: {
    name: 'opportunities',
    title: 'opportunities',
    titleField: 'name',
    fields: [
      f('name', 'text', true),
      f('accountId', 'account', true),
      f('amount', 'decimal'),
      // Moved on the pipeline board (the stage gate) and closed with a reason there, not in this form.
      { ...e('stage', 'stage', opportunityStages), readOnly: true },
      { ...e('status', 'opportunityStatus', opportunityStatuses), readOnly: true },
      e('type', 'opportunityType', opportunityTypes),
      { key: 'probability', type: 'number', min: 0, max: 100 },
      f('expectedCloseDate', 'date'),
      f('lossReason', 'text'),
      f('ownerId', 'user'),
      f('description', 'textarea'),
      f('updatedAt', 'datetime'),
    ],
    columns: ['name', 'accountId', 'amount', 'stage', 'status', 'expectedCloseDate', 'ownerId'],
    filters: ['stage', 'status', 'type', 'ownerId', 'accountId', 'expectedCloseDate'],
    sorts: ['updatedAt', 'name', 'amount', 'expectedCloseDate'],
    defaultSort: '-updatedAt',
  },
  activities: {
    name: 'activities',
    title: 'activities',
    titleField: 'subject',
    fields: [
      e('kind', 'activityKind', activityKinds, true),
      f('subject', 'text', true),
      f('accountId', 'account', true),
      f('occurredAt', 'datetime'),
      f('durationMinutes', 'number'),
      f('body', 'textarea'),
      f('ownerId', 'user'),
    ],
    columns: ['subject', 'kind', 'accountId', 'occurredAt', 'durationMinutes', 'ownerId'],
    filters: ['kind', 'accountId', 'ownerId', 'occurredAt'],
    sorts: ['occurredAt', 'updatedAt'],
    defaultSort: '-occurredAt',
  },
  tasks: {
    name: 'tasks',
    title: 'tasks',
    titleField: 'title',
    fields: [
      f('title', 'text', true),
      f('assigneeId', 'user'),
      f('dueAt', 'datetime'),
      e('priority', 'priority', ticketPriorities),
      e('status', 'taskStatus', taskStatuses),
      e('source', 'taskSource', taskSources),
      f('accountId', 'account'),
      f('description', 'textarea'),
    ],
    columns: ['title', 'assigneeId', 'dueAt', 'priority', 'status', 'accountId'],
    filters: ['status', 'priority', 'assigneeId', 'source', 'dueAt'],
    sorts: ['dueAt', 'updatedAt', 'priority'],
    defaultSort: 'dueAt',
  },
  tickets: {
    name: 'tickets',
    title: 'tickets',
    titleField: 'subject',
    fields: [
      f('subject', 'text', true),
      f('accountId', 'account', true),
      f('contactId', 'contact'),
      e('type', 'ticketType', ticketTypes),
      e('priority', 'priority', ticketPriorities),
      e('status', 'ticketStatus', ticketStatuses),
      f('assigneeId', 'user'),
      { key: 'satisfaction', type: 'number', min: 1, max: 5 },
      f('body', 'textarea'),
      f('createdAt', 'datetime'),
    ],
    columns: ['subject', 'accountId', 'type', 'priority', 'status', 'satisfaction', 'createdAt'],
    filters: ['status', 'priority', 'type', 'assigneeId', 'accountId'],
    sorts: ['updatedAt', 'createdAt', 'satisfaction'],
    defaultSort: '-updatedAt',
  },
  'marketing-touches': {
    name: 'marketing-touches',
    title: 'marketing',
    titleField: 'title',
    fields: [
      f('title', 'text', true),
      e('kind', 'touchKind', touchKinds, true),
      f('accountId', 'account', true),
      f('contactId', 'contact'),
      f('campaign', 'text'),
      f('occurredAt', 'datetime'),
    ],
    columns: ['title', 'kind', 'accountId', 'campaign', 'occurredAt'],
    filters: ['kind', 'accountId', 'occurredAt'],
    sorts: ['occurredAt', 'updatedAt'],
    defaultSort: '-occurredAt',
  },
}

const commercial = (
  name: string,
  title: string,
  statusEnum: string,
  statuses: readonly string[],
  dates: string[],
): CollectionMeta => ({
  name,
  title,
  titleField: 'number',
  fields: [
    f('number', 'text', true),
    f('accountId', 'account', true),
    f('amount', 'decimal', true),
    e('status', statusEnum, statuses, true),
    ...dates.map((d) => f(d, 'date')),
    f('ownerId', 'user'),
    f('notes', 'textarea'),
  ],
  columns: ['number', 'accountId', 'amount', 'status', ...dates],
  filters: ['status', 'accountId', ...dates],
  sorts: ['updatedAt', 'number', 'amount', ...dates],
  defaultSort: '-updatedAt',
})

collections.quotes = commercial('quotes', 'quotes', 'quoteStatus', quoteStatuses, ['issueDate', 'validUntil'])
collections.orders = commercial('orders', 'orders', 'orderStatus', orderStatuses, ['orderDate'])
collections.contracts = commercial('contracts', 'contracts', 'contractStatus', contractStatuses, [
  'startDate',
  'endDate',
])
collections.invoices = commercial('invoices', 'invoices', 'invoiceStatus', invoiceStatuses, [
  'issueDate',
  'dueDate',
])
collections.payments = commercial('payments', 'payments', 'paymentStatus', paymentStatuses, [
  'dueDate',
  'paidDate',
])

// Handoffs have their own pages (features/handoffs); this describes their fields for the rule designer.
collections.handoffs = {
  name: 'handoffs',
  title: 'handoffs',
  titleField: 'status',
  fields: [
    f('accountId', 'account', true),
    f('opportunityId', 'opportunity'),
    e('status', 'handoffStatus', handoffStatuses),
    f('salesOwnerId', 'user'),
    f('csmId', 'user'),
    f('ownerId', 'user'),
    f('dueAt', 'datetime'),
    { ...f('submittedAt', 'datetime'), readOnly: true },
    { ...f('validationDueAt', 'datetime'), readOnly: true },
    { ...f('validatedAt', 'datetime'), readOnly: true },
    { ...f('escalatedAt', 'datetime'), readOnly: true },
    { ...f('validationEscalatedAt', 'datetime'), readOnly: true },
    f('valueGoal', 'textarea'),
    f('notes', 'textarea'),
  ],
  columns: ['accountId', 'status', 'dueAt', 'salesOwnerId', 'csmId'],
  filters: ['status', 'salesOwnerId', 'csmId', 'dueAt'],
  sorts: ['dueAt', 'updatedAt', 'createdAt'],
  defaultSort: 'dueAt',
}

export const fieldOf = (meta: CollectionMeta, key: string) => meta.fields.find((x) => x.key === key)
