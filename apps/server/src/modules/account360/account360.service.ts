import { buyingRoles } from '@openkam/contract'
import type { Collection } from '../../core/crud/collection'
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
import { readSections, type Section } from './sections.repository'
import { relatedCustomSections, type RelatedSection } from '../fields'
import { sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
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

/** Records of one account in a collection, newest first unless `sort` says otherwise. */
const childrenOf = (
  c: Collection<any, any, any>,
  accountId: string,
  sort: string,
  opts: { limit?: number; filters?: Record<string, string> } = {},
): Section => ({
  collection: c,
  query: { limit: opts.limit ?? LIST_LIMIT, sort, accountId, ...opts.filters },
})

/**
 * Everything about an account in one answer, in a bounded number of queries whatever the number of
 * records: the account (404 first when the person cannot see it), then concurrently one statement for
 * every section's list, one for the merged timeline and one for NPS.
 */
export async function account360(
  db: Db,
  ctx: Ctx,
  id: string,
  opts: { kinds?: string[]; limit: number; cursor?: string; lang?: 'en' | 'zh-CN' },
) {
  const account = await accountCollection.get(db, ctx, id)
  // Custom objects related to accounts (e.g. site visits) get a section each, read with the others.
  const related = await relatedCustomSections(db, ctx, 'accounts', id, opts.lang)
  const [sections, timeline, nps] = await Promise.all([
    readSections(db, ctx, {
      ...Object.fromEntries(related.map((r, i) => [`related${i}`, r])),
      contacts: childrenOf(contactCollection, id, 'name', { limit: 500 }),
      opportunities: childrenOf(opportunityCollection, id, '-updatedAt'),
      quotes: childrenOf(quoteCollection, id, '-updatedAt'),
      contracts: childrenOf(contractCollection, id, '-endDate'),
      orders: childrenOf(orderCollection, id, '-updatedAt'),
      invoices: childrenOf(invoiceCollection, id, '-dueDate'),
      payments: childrenOf(paymentCollection, id, '-dueDate'),
      tickets: childrenOf(ticketCollection, id, '-updatedAt'),
      marketing: childrenOf(touchCollection, id, '-occurredAt'),
      tasks: childrenOf(taskCollection, id, 'dueAt', { filters: { status: 'open' } }),
      alerts: childrenOf(alertCollection, id, '-createdAt', {
        filters: { status: 'open,acknowledged,snoozed' },
      }),
    }),
    // The timeline stays a query of its own: on its own connection it runs beside the sections'
    // statement (folded into it, it made the 360° slower at one client and no cheaper at fifty).
    readTimeline(db, ctx, id, [...timelineSources, ...related.map(customTimelineSource(id))], opts),
    accountNpsSummary(db, ctx.ws, id),
  ])
  const contacts = sections.contacts
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
    opportunities: sections.opportunities,
    quotes: sections.quotes,
    contracts: sections.contracts,
    orders: sections.orders,
    invoices: sections.invoices,
    payments: sections.payments,
    tickets: sections.tickets,
    marketing: sections.marketing,
    health: account.health,
    potential: account.potential,
    tasks: sections.tasks,
    // Unresolved alerts, newest first (the alert centre has the rest).
    alerts: sections.alerts,
    nps,
    related: related.map((r, i) => ({
      object: r.object,
      label: r.label,
      pluralLabel: r.pluralLabel,
      field: r.field,
      records: (sections as Record<string, unknown[]>)[`related${i}`] ?? [],
    })),
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
  const related = await relatedCustomSections(db, ctx, 'accounts', id)
  return readTimeline(db, ctx, id, [...timelineSources, ...related.map(customTimelineSource(id))], opts)
}

/** A custom object's records pointing at the account, as timeline entries (when they were created). */
const customTimelineSource =
  (accountId: string) =>
  (r: RelatedSection): TimelineSource => {
    const t = r.collection.def.table as unknown as {
      createdAt: AnyPgColumn
      name: AnyPgColumn
      custom: AnyPgColumn
    }
    return {
      kind: 'custom',
      collection: r.collection,
      at: t.createdAt,
      title: t.name,
      subtype: sql`${r.pluralLabel}`,
      match: sql`(${t.custom} ->> ${sql.raw(`'${r.field}'`)}) = ${accountId}`,
      refType: r.object,
    }
  }
