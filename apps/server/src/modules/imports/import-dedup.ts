import type { Origin } from '../accounts'

// Accounts are matched by the accounts module (the same rules on create, rename and import).
export { AccountIndex, sameAccount, type AccountKey, type AccountMatch, type Origin } from '../accounts'

const lower = (s: string) => s.trim().toLowerCase()

/**
 * People (contacts, leads) are the same when both have an e-mail and it agrees, else when their name keys
 * agree; two people with different e-mails are never the same. Keys come already scoped and lower-cased.
 */
class PersonIndex {
  private readonly byEmail = new Map<string, Origin>()
  /** By name key: [people without an e-mail, with one]. */
  private readonly byName = new Map<string, [Origin[], Origin[]]>()

  add(email: string | null, name: string, of: Origin): void {
    if (email && !this.byEmail.has(email)) this.byEmail.set(email, of)
    const b = this.byName.get(name) ?? [[], []]
    b[email ? 1 : 0].push(of)
    this.byName.set(name, b)
  }

  find(email: string | null, name: string): { on: 'email' | 'name'; of: Origin } | null {
    if (email) {
      const of = this.byEmail.get(email)
      if (of) return { on: 'email', of }
    }
    const [noEmail, withEmail] = this.byName.get(name) ?? [[], []]
    const of = noEmail[0] ?? (email ? undefined : withEmail[0])
    return of ? { on: 'name', of } : null
  }
}

export type ContactKey = { accountId: string; email?: string | null; name: string }
export type ContactMatch = { on: 'email' | 'name'; of: Origin }

/** Contacts of one account are the same when both have an e-mail and it agrees, else when their names agree. */
export class ContactIndex {
  private readonly index = new PersonIndex()
  private static keys = (k: ContactKey) =>
    [k.email ? `${k.accountId}|${lower(k.email)}` : null, `${k.accountId}|${lower(k.name)}`] as const

  add(k: ContactKey, of: Origin): void {
    this.index.add(...ContactIndex.keys(k), of)
  }

  find(k: ContactKey): ContactMatch | null {
    return this.index.find(...ContactIndex.keys(k))
  }
}

export type LeadKey = { email?: string | null; company?: string | null; name: string }
export type LeadMatch = { on: 'email' | 'name'; of: Origin }

/**
 * Leads of a workspace are the same when both have an e-mail and it agrees (ignoring case), else when
 * company and name agree (ignoring case; no company matches no company).
 * @example new LeadIndex().find({ name: 'li wei', company: 'ACME' }) // after add({ name: 'Li Wei', company: 'Acme' }, …): on 'name'
 */
export class LeadIndex {
  private readonly index = new PersonIndex()
  private static keys = (k: LeadKey) =>
    [k.email ? lower(k.email) : null, `${lower(k.company ?? '')}|${lower(k.name)}`] as const

  add(k: LeadKey, of: Origin): void {
    this.index.add(...LeadIndex.keys(k), of)
  }

  find(k: LeadKey): LeadMatch | null {
    return this.index.find(...LeadIndex.keys(k))
  }
}

/** "an existing account "ACME" (id)" or "row 7". */
export const describeOrigin = (of: Origin, label: string) =>
  'row' in of ? `row ${of.row}` : `the existing ${label} "${of.name}" (${of.id})`
