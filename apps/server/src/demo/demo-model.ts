import type { accounts } from '../modules/accounts'
import type { activities } from '../modules/activities'
import type { contacts } from '../modules/contacts'
import type { contracts, invoices, orders, payments, quotes } from '../modules/commerce'
import type { leads } from '../modules/leads'
import type { marketingTouches } from '../modules/marketing'
import type { opportunities } from '../modules/opportunities'
import type { tasks } from '../modules/tasks'
import type { tickets } from '../modules/tickets'
import type { City } from './demo-names'
import type { Clock, Lang, Rng, T } from './demo-random'
import type { DemoIndustry } from './demo-words'

/** The demo people by key (see demo-data.ts). */
export type UserKey =
  | 'admin'
  | 'exec'
  | 'mgrEast'
  | 'mgrNorth'
  | 'salesA'
  | 'salesB'
  | 'salesC'
  | 'salesD'
  | 'presales'
  | 'csmA'
  | 'csmB'
  | 'finance'
  | 'legal'
export type TeamKey = 'east' | 'north'

/** Everything a generator needs: the random stream, the language, the time, ids and the people. */
export type Gen = {
  rng: Rng
  lang: Lang
  clock: Clock
  newId: () => string
  users: Record<UserKey, string>
  teams: Record<TeamKey, string>
  /** Picks the text of the demo language. */
  tr(text: T): string
}

/** A row as inserted, without the workspace (added at insert time). */
type Row<Tbl extends { $inferInsert: object }> = Omit<Tbl['$inferInsert'], 'workspaceId'> & { id: string }
export type AccountRow = Row<typeof accounts>
export type ContactRow = Row<typeof contacts>
export type ActivityRow = Row<typeof activities>
export type OpportunityRow = Row<typeof opportunities>
export type QuoteRow = Row<typeof quotes>
export type OrderRow = Row<typeof orders>
export type ContractRow = Row<typeof contracts>
export type InvoiceRow = Row<typeof invoices>
export type PaymentRow = Row<typeof payments>
export type TicketRow = Row<typeof tickets>
export type TaskRow = Row<typeof tasks>
export type TouchRow = Row<typeof marketingTouches>
export type LeadRow = Row<typeof leads>

export type Level = 'low' | 'medium' | 'high'

export type ContactPlan = {
  row: ContactRow
  /** Day offset the person joined our records, and left the company (null: still there). */
  fromDay: number
  leftDay: number | null
}

export type AccountPlan = {
  row: AccountRow
  /** The name without the legal form, e.g. 华锐精密制造. */
  short: string
  industry: DemoIndustry
  city: City
  team: TeamKey
  owner: UserKey
  csm: UserKey | null
  size: 'large' | 'growth' | 'small'
  tier: 'strategic' | 'growth' | 'essential'
  spend: number
  /** Whether they have bought from us; prospects have not. */
  customer: boolean
  createdDay: number
  /** The day the first deal was won (customers). */
  sinceDay: number | null
  paymentRisk: Level
  /** The product the relationship started with. */
  product: T
  contacts: ContactPlan[]
}

export type DealPlan = {
  row: OpportunityRow
  account: AccountPlan
  createdDay: number
  /** Won or lost day; the expected close day for open deals. */
  closeDay: number
}

export type ContractPlan = {
  row: ContractRow
  account: AccountPlan
  startDay: number
  endDay: number
  /** Null while the contract is a draft or waits for approval. */
  signedDay: number | null
  /** Main subscription (true) or an add-on. */
  main: boolean
}

/**
 * The columns every business row has, written like a normal create would. Builders extend it with
 * `Object.assign(baseRow(…), { …fields })`: spreading it into a large object literal is several times
 * slower in V8, which shows over ten thousand rows.
 */
export function baseRow(g: Gen, owner: string, created: Date, updated: Date = created) {
  return {
    id: g.newId(),
    createdAt: created,
    updatedAt: updated,
    createdBy: owner,
    ownerId: owner,
    version: 1,
    deletedAt: null,
    custom: {},
  }
}

/** The people of an account on that day: they had joined our records and not yet left. */
export const presentOn = (a: AccountPlan, day: number): ContactPlan[] =>
  a.contacts.filter((c) => c.fromDay <= day && (c.leftDay === null || day < c.leftDay))

/** Minutes into a working day (09:00–18:00 CST). */
export const workMinute = (g: Gen): number => g.rng.int(9 * 60, 18 * 60)
