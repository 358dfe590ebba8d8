import { buildAccounts } from './demo-accounts'
import { buildActivities, buildTouches } from './demo-activities'
import { buildRecordActivities } from './demo-record-activities'
import { buildBilling } from './demo-billing'
import { buildContacts } from './demo-contacts'
import { buildDeals } from './demo-deals'
import { buildLeads } from './demo-leads'
import type { Gen, TeamKey, UserKey } from './demo-model'
import { clockAt, Rng, type Lang } from './demo-random'
import { buildTasks, buildTickets } from './demo-service'

/** The demo's random seed: the same seed, the same workspace. */
export const DEMO_SEED = 0x0a11_2024

export type DemoBuild = ReturnType<typeof buildDemo>

/**
 * The demo workspace's business data, in memory and in insert order. Pure apart from `newId`:
 * the content depends only on the language; dates are whole-day offsets from `now`.
 */
export function buildDemo(opts: {
  lang: Lang
  now: Date
  newId: () => string
  users: Record<UserKey, string>
  teams: Record<TeamKey, string>
}) {
  const g: Gen = {
    rng: new Rng(DEMO_SEED),
    lang: opts.lang,
    clock: clockAt(opts.now),
    newId: opts.newId,
    users: opts.users,
    teams: opts.teams,
    tr: (text) => text[opts.lang],
  }
  const { accounts, spareBrands } = buildAccounts(g)
  for (const a of accounts) a.contacts = buildContacts(g, a)
  const { deals, quotes, contracts } = buildDeals(g, accounts)
  const billing = buildBilling(g, contracts, accounts)
  const activities = buildActivities(g, accounts, deals)
  const touches = buildTouches(g, accounts)
  const tickets = buildTickets(g, accounts)
  const tasks = buildTasks(g, { accounts, deals, contracts, payments: billing.payments, tickets })
  const leads = buildLeads(g, spareBrands, accounts)
  activities.push(
    ...buildRecordActivities(
      g,
      leads,
      contracts.map((c) => c.row),
    ),
  )
  return {
    accounts: accounts.map((a) => a.row),
    contacts: accounts.flatMap((a) => a.contacts.map((c) => c.row)),
    leads,
    opportunities: deals.map((d) => d.row),
    activities,
    quotes,
    contracts: contracts.map((c) => c.row),
    orders: billing.orders,
    invoices: billing.invoices,
    payments: billing.payments,
    tickets,
    tasks,
    touches,
  }
}
