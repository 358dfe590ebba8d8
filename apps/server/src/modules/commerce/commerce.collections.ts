import {
  builtinObjects,
  contractStatuses,
  invoiceStatuses,
  orderStatuses,
  paymentStatuses,
  quoteStatuses,
} from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import type { Executor } from '../../core/db/types'
import type { Ctx } from '../../core/context'
import type { FieldError } from '../../core/errors'
import { accountParent } from '../accounts'
import { opportunities } from '../opportunities'
import { userRefs } from '../users'
import { contracts, invoices, orders, payments, quotes } from './commerce.table'

type Validator = (
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  b: Record<string, any> | null,
) => Promise<FieldError[]>

/** `from` must not be after `to` when both are set. */
const ordered =
  (from: string, to: string): Validator =>
  async (_tx, _ctx, c) =>
    c[from] && c[to] && c[from] > c[to] ? [{ path: to, message: `must not be before ${from}` }] : []

/** One commercial collection: account-owned, numbered, with an amount and a status. */
function commercial(
  name: string,
  entity: string,
  label: string,
  table: typeof quotes | typeof orders | typeof contracts | typeof invoices | typeof payments,
  statuses: readonly string[],
  refs: Validator[],
) {
  const mapper = rowMapper(table)
  return new Collection<any, any, any>({
    name,
    entity,
    label,
    table,
    parent: accountParent(table.accountId),
    toRecord: mapper.toRecord,
    toColumns: mapper.toColumns,
    // A new record without a status starts in the first one (draft, pending, …); null is never stored.
    derive: (patch, before) => (before === null && !patch.status ? { status: statuses[0] } : {}),
    validate: allOf(
      userRefs('ownerId'),
      async (_tx, _ctx, c) =>
        c.status ? [] : [{ path: 'status', message: `must be one of ${statuses.join(', ')}` }],
      ...refs,
    ),
    ...fieldSpecs(builtinObjects[name]!, table),
    search: [table.number],
    defaultSort: '-updatedAt',
  })
}

const opportunityRef = refCheck(opportunities, 'opportunity', 'opportunityId')
const contractRef = refCheck(contracts, 'contract', 'contractId')

export const quoteCollection = commercial('quotes', 'quote', 'Quote', quotes, quoteStatuses, [
  opportunityRef,
  ordered('issueDate', 'validUntil'),
])
export const orderCollection = commercial('orders', 'order', 'Order', orders, orderStatuses, [
  opportunityRef,
  contractRef,
])
export const contractCollection = commercial(
  'contracts',
  'contract',
  'Contract',
  contracts,
  contractStatuses,
  [opportunityRef, ordered('startDate', 'endDate')],
)
export const invoiceCollection = commercial('invoices', 'invoice', 'Invoice', invoices, invoiceStatuses, [
  contractRef,
  refCheck(orders, 'order', 'orderId'),
  ordered('issueDate', 'dueDate'),
])
export const paymentCollection = commercial('payments', 'payment', 'Payment', payments, paymentStatuses, [
  contractRef,
  refCheck(invoices, 'invoice', 'invoiceId'),
])
