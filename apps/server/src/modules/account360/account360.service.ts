import { buyingRoles } from '@openkam/contract'
import type { Collection } from '../../core/crud/collection'
import { AppError } from '../../core/errors'
import type { Ctx } from '../../core/context'
import type { Db } from '../../core/db/types'
import { accountCollection } from '../accounts'
import { activities, activityCollection } from '../activities'
import { alertCollection } from '../alerts'
import { accountNpsSummary } from '../surveys'
import {
  contractCollection,
  contracts,
  invoiceCollection,
  invoices,
  orderCollection,
  orders,
  paymentCollection,
  payments,
  quoteCollection,
  quotes,
} from '../commerce'
import { contactCollection } from '../contacts'
import { marketingTouches, touchCollection } from '../marketing'
import { opportunities, opportunityCollection } from '../opportunities'
import { taskCollection, tasks } from '../tasks'
import { ticketCollection, tickets } from '../tickets'
import { readTimeline, type TimelineSource } from './timeline.repository'

/** What the timeline merges, and how each source names its entries. */
export const timelineSources: TimelineSource[] = [
  {
    kind: 'activity',
    collection: activityCollection,
    at: activities.occurredAt,
    title: activities.subject,
    subtype: activities.kind,
  },
  {
    kind: 'ticket',
    collection: ticketCollection,
    at: tickets.createdAt,
    title: tickets.subject,
    subtype: tickets.status,
  },
  {
    kind: 'opportunity',
    collection: opportunityCollection,
    at: opportunities.createdAt,
    title: opportunities.name,
    subtype: opportunities.status,
  },
  {
    kind: 'quote',
    collection: quoteCollection,
    at: quotes.createdAt,
    title: quotes.number,
    subtype: quotes.status,
  },
  {
    kind: 'order',
    collection: orderCollection,
    at: orders.createdAt,
    title: orders.number,
    subtype: orders.status,
  },
  {
    kind: 'contract',
    collection: contractCollection,
    at: contracts.createdAt,
    title: contracts.number,
    subtype: contracts.status,
  },
  {
    kind: 'invoice',
    collection: invoiceCollection,
    at: invoices.createdAt,
    title: invoices.number,
    subtype: invoices.status,
  },
  {
    kind: 'payment',
    collection: paymentCollection,
    at: payments.createdAt,
    title: payments.number,
    subtype: payments.status,
  },
  {
    kind: 'marketing',
    collection: touchCollection,
    at: marketingTouches.occurredAt,
    title: marketingTouches.title,
    subtype: marketingTouches.kind,
  },
  {
    kind: 'task',
    collection: taskCollection,
    at: tasks.createdAt,
    title: tasks.title,
    subtype: tasks.status,
  },
]
export const timelineKinds = timelineSources.map((s) => s.kind)

const LIST_LIMIT = 100

/** Records of one account in a collection the person may read (none → empty), newest first. */
async function childrenOf(
  db: Db,
  ctx: Ctx,
  c: Collection<any, any, any>,
  accountId: string,
  sort: string,
  opts: { limit?: number; filters?: Record<string, string> } = {},
) {
  try {
    return (await c.list(db, ctx, { limit: opts.limit ?? LIST_LIMIT, sort, accountId, ...opts.filters })).data
  } catch (err) {
    if (err instanceof AppError && err.kind === 'forbidden') return []
    throw err
  }
}

/**
 * Everything about an account in one answer, in a bounded number of queries (one per section,
 * run concurrently, plus one for the merged timeline) whatever the number of records.
 */
export async function account360(
  db: Db,
  ctx: Ctx,
  id: string,
  opts: { kinds?: string[]; limit: number; cursor?: string },
) {
  const account = await accountCollection.get(db, ctx, id)
  const [
    contacts,
    opportunityList,
    quoteList,
    contractList,
    orderList,
    invoiceList,
    paymentList,
    ticketList,
    marketing,
    taskList,
    timeline,
    alertList,
    nps,
  ] = await Promise.all([
    childrenOf(db, ctx, contactCollection, id, 'name', { limit: 500 }),
    childrenOf(db, ctx, opportunityCollection, id, '-updatedAt'),
    childrenOf(db, ctx, quoteCollection, id, '-updatedAt'),
    childrenOf(db, ctx, contractCollection, id, '-endDate'),
    childrenOf(db, ctx, orderCollection, id, '-updatedAt'),
    childrenOf(db, ctx, invoiceCollection, id, '-dueDate'),
    childrenOf(db, ctx, paymentCollection, id, '-dueDate'),
    childrenOf(db, ctx, ticketCollection, id, '-updatedAt'),
    childrenOf(db, ctx, touchCollection, id, '-occurredAt'),
    childrenOf(db, ctx, taskCollection, id, 'dueAt', { filters: { status: 'open' } }),
    readTimeline(db, ctx, id, timelineSources, opts),
    childrenOf(db, ctx, alertCollection, id, '-createdAt', {
      filters: { status: 'open,acknowledged,snoozed' },
    }),
    accountNpsSummary(db, ctx.ws, id),
  ])
  const active = contacts.filter((c: { active: boolean }) => c.active)
  const coverage = Object.fromEntries(
    buyingRoles.map((role) => [
      role,
      active.filter((c: { buyingRole: string | null }) => c.buyingRole === role).length,
    ]),
  )
  return {
    account,
    contacts,
    decisionMap: {
      coverage,
      uncoveredRoles: buyingRoles.filter((r) => coverage[r] === 0),
      champions: active
        .filter((c: { stance: string | null }) => c.stance === 'champion')
        .map((c: { id: string }) => c.id),
      blockers: active
        .filter((c: { stance: string | null }) => c.stance === 'blocker')
        .map((c: { id: string }) => c.id),
    },
    timeline: timeline.data,
    timelineNextCursor: timeline.nextCursor,
    opportunities: opportunityList,
    quotes: quoteList,
    contracts: contractList,
    orders: orderList,
    invoices: invoiceList,
    payments: paymentList,
    tickets: ticketList,
    marketing,
    health: account.health,
    potential: account.potential,
    tasks: taskList,
    // Unresolved alerts, newest first (the alert centre has the rest).
    alerts: alertList,
    nps,
  }
}

/** One page of an account's timeline, after checking the person may see the account. */
export async function accountTimeline(
  db: Db,
  ctx: Ctx,
  id: string,
  opts: { kinds?: string[]; limit: number; cursor?: string },
) {
  await accountCollection.get(db, ctx, id)
  return readTimeline(db, ctx, id, timelineSources, opts)
}
