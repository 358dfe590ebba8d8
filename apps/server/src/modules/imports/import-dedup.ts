/** What a duplicate is a duplicate of: an existing record, or an earlier row of the same file. */
export type Origin = { id: string; name: string } | { row: number }

export type AccountKey = { creditCode?: string | null; domain?: string | null; name: string }
export type AccountMatch = { on: 'creditCode' | 'domain' | 'name'; of: Origin }

const lower = (s: string) => s.trim().toLowerCase()

/**
 * Accounts are the same when the first identifier both carry agrees: the unified social credit code,
 * else the domain, else the name (ignoring case). Two accounts with different credit codes are never
 * the same, whatever their names.
 * @example sameAccount({ name: 'ACME', domain: 'acme.com' }, { name: 'Acme Ltd', domain: 'acme.com' }) // 'domain'
 */
export function sameAccount(a: AccountKey, b: AccountKey): AccountMatch['on'] | null {
  if (a.creditCode && b.creditCode) return a.creditCode === b.creditCode ? 'creditCode' : null
  if (a.domain && b.domain) return a.domain === b.domain ? 'domain' : null
  return lower(a.name) === lower(b.name) ? 'name' : null
}

/** Finds the account a key duplicates among those added, in constant time per lookup. */
export class AccountIndex {
  private readonly byCode = new Map<string, Origin>()
  /** By domain: [accounts without a credit code, with one]. */
  private readonly byDomain = new Map<string, [Origin[], Origin[]]>()
  /** By lower-case name: buckets by (has credit code, has domain). */
  private readonly byName = new Map<string, Origin[][]>()

  add(k: AccountKey, of: Origin): void {
    if (k.creditCode && !this.byCode.has(k.creditCode)) this.byCode.set(k.creditCode, of)
    if (k.domain) {
      const b = this.byDomain.get(k.domain) ?? [[], []]
      b[k.creditCode ? 1 : 0].push(of)
      this.byDomain.set(k.domain, b)
    }
    const n = lower(k.name)
    const buckets = this.byName.get(n) ?? [[], [], [], []]
    buckets[(k.creditCode ? 2 : 0) + (k.domain ? 1 : 0)]!.push(of)
    this.byName.set(n, buckets)
  }

  find(k: AccountKey): AccountMatch | null {
    if (k.creditCode) {
      const of = this.byCode.get(k.creditCode)
      if (of) return { on: 'creditCode', of }
    }
    if (k.domain) {
      const [noCode, withCode] = this.byDomain.get(k.domain) ?? [[], []]
      const of = noCode[0] ?? (k.creditCode ? undefined : withCode[0])
      if (of) return { on: 'domain', of }
    }
    const buckets = this.byName.get(lower(k.name))
    if (!buckets) return null
    for (let i = 0; i < 4; i++) {
      const hasCode = i >= 2
      const hasDomain = i % 2 === 1
      if ((hasCode && k.creditCode) || (hasDomain && k.domain)) continue
      const of = buckets[i]![0]
      if (of) return { on: 'name', of }
    }
    return null
  }
}

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
