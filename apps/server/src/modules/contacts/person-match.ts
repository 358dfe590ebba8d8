import type { Origin } from '../accounts'

/** What two people (contacts, leads) are compared on, each already normalised and scoped by the caller. */
export type PersonKeys = { email: string | null; phone?: string | null; name: string | null }
export type PersonMatch = 'email' | 'phone' | 'name'

/**
 * People are the same when both have an e-mail and it agrees — two different e-mails are never the same
 * person, whatever else they share (a switchboard number, a common name) — else when their phones agree,
 * else when their names agree. The importer applies it without phones (`PersonIndex`); the warning on
 * create (contacts, leads) with them.
 * @example samePerson({ email: null, phone: '13912345678', name: 'a|li' }, { email: 'li@x.cn', phone: '13912345678', name: 'a|wang' }) // 'phone'
 */
export function samePerson(a: PersonKeys, b: PersonKeys): PersonMatch | null {
  if (a.email && b.email) return a.email === b.email ? 'email' : null
  if (a.phone && b.phone && a.phone === b.phone) return 'phone'
  return a.name !== null && a.name === b.name ? 'name' : null
}

/**
 * A phone number as digits to compare, or null when too short to tell anyone apart: separators dropped,
 * the international prefix too; with +86 / 0086 a mainland mobile keeps its 11 digits and a landline gets
 * its trunk 0 back, so `+86 25 8456 7700` is `025-8456 7700` and `+86 139 1234 5678` is `13912345678`.
 * @example phoneKey('+86 (25) 8456-7700') // '02584567700'
 */
export function phoneKey(raw: string | null | undefined): string | null {
  if (!raw) return null
  const s = raw.trim()
  let d = s.replace(/\D/g, '')
  const international = s.startsWith('+') || d.startsWith('00')
  if (d.startsWith('00')) d = d.slice(2)
  if (international && d.startsWith('86')) {
    d = d.slice(2)
    if (!/^1[3-9]\d{9}$/.test(d) && !d.startsWith('0')) d = `0${d}`
  } else if (/^861[3-9]\d{9}$/.test(d)) d = d.slice(2)
  return d.length >= 7 ? d : null
}

/** A contact's keys: e-mail and phone across the workspace, the name within its account. */
export const contactKeys = (c: {
  accountId?: string | null
  name?: string | null
  email?: string | null
  phone?: string | null
}): PersonKeys => ({
  email: c.email?.trim().toLowerCase() || null,
  phone: phoneKey(c.phone),
  name: c.name?.trim() ? `${c.accountId ?? ''}|${c.name.trim().toLowerCase()}` : null,
})

/** `samePerson` without phones, in constant time per lookup (the importer's). */
export class PersonIndex {
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
