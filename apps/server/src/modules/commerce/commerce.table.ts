import { boolean, date, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns } from '../../core/db/columns'

/** Columns every commercial record has: account, number, amount, currency, status. */
const commercial = () => ({
  ...businessColumns(),
  accountId: uuid('account_id').notNull(),
  number: text('number').notNull(),
  amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  currency: text('currency').notNull().default('CNY'),
  status: text('status').notNull(),
  notes: text('notes'),
})

const indexes = (name: string) => (t: any) => [
  primaryKey({ columns: [t.workspaceId, t.id] }),
  index(`${name}_account_idx`).on(t.workspaceId, t.accountId),
  index(`${name}_updated_idx`).on(t.workspaceId, t.updatedAt, t.id),
  index(`${name}_number_idx`).on(t.workspaceId, t.number),
]

export const quotes = pgTable(
  'quotes',
  {
    ...commercial(),
    opportunityId: uuid('opportunity_id'),
    issueDate: date('issue_date', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2, mode: 'number' }),
  },
  indexes('quotes'),
)

export const orders = pgTable(
  'orders',
  {
    ...commercial(),
    opportunityId: uuid('opportunity_id'),
    contractId: uuid('contract_id'),
    orderDate: date('order_date', { mode: 'string' }),
  },
  indexes('orders'),
)

export const contracts = pgTable(
  'contracts',
  {
    ...commercial(),
    opportunityId: uuid('opportunity_id'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    signedDate: date('signed_date', { mode: 'string' }),
    terms: text('terms'),
    nonStandardTerms: boolean('non_standard_terms').notNull().default(false),
    autoRenew: boolean('auto_renew').notNull().default(false),
  },
  (t) => [...indexes('contracts')(t), index('contracts_end_idx').on(t.workspaceId, t.endDate)],
)

export const invoices = pgTable(
  'invoices',
  {
    ...commercial(),
    contractId: uuid('contract_id'),
    orderId: uuid('order_id'),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
  },
  (t) => [...indexes('invoices')(t), index('invoices_due_idx').on(t.workspaceId, t.status, t.dueDate)],
)

export const payments = pgTable(
  'payments',
  {
    ...commercial(),
    invoiceId: uuid('invoice_id'),
    contractId: uuid('contract_id'),
    dueDate: date('due_date', { mode: 'string' }),
    paidDate: date('paid_date', { mode: 'string' }),
    method: text('method'),
  },
  (t) => [...indexes('payments')(t), index('payments_due_idx').on(t.workspaceId, t.status, t.dueDate)],
)
