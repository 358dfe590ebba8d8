import type { Origin } from '../accounts'
import { PersonIndex } from '../contacts'

// Accounts, people and leads are matched by their own modules (the same rules on create and import).
export { AccountIndex, sameAccount, type AccountKey, type AccountMatch, type Origin } from '../accounts'
export { LeadIndex, type LeadKey, type LeadMatch } from '../leads'

const lower = (s: string) => s.trim().toLowerCase()

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

/** "an existing account "ACME" (id)" or "row 7". */
export const describeOrigin = (of: Origin, label: string) =>
  'row' in of ? `row ${of.row}` : `the existing ${label} "${of.name}" (${of.id})`
