import type { Origin } from '../accounts'
import { PersonIndex, phoneKey, type PersonKeys } from '../contacts'

export type LeadKey = { email?: string | null; company?: string | null; name: string; phone?: string | null }
export type LeadMatch = { on: 'email' | 'name'; of: Origin }

const lower = (s: string) => s.trim().toLowerCase()

/**
 * A lead's keys (`samePerson`): the e-mail across the workspace (ignoring case); the name and the phone
 * within its company (ignoring case; no company matches no company).
 */
export function leadKeys(k: Partial<LeadKey>): PersonKeys {
  const company = lower(k.company ?? '')
  const phone = phoneKey(k.phone)
  return {
    email: k.email ? lower(k.email) || null : null,
    phone: phone ? `${company}|${phone}` : null,
    name: k.name?.trim() ? `${company}|${lower(k.name)}` : null,
  }
}

/**
 * Leads of a workspace are the same when both have an e-mail and it agrees (ignoring case), else when
 * company and name agree (ignoring case; no company matches no company) — `leadKeys` without phones, as
 * the importer de-duplicates.
 * @example new LeadIndex().find({ name: 'li wei', company: 'ACME' }) // after add({ name: 'Li Wei', company: 'Acme' }, …): on 'name'
 */
export class LeadIndex {
  private readonly index = new PersonIndex()
  private static keys = (k: LeadKey) => {
    const { email, name } = leadKeys(k)
    return [email, name ?? ''] as const
  }

  add(k: LeadKey, of: Origin): void {
    this.index.add(...LeadIndex.keys(k), of)
  }

  find(k: LeadKey): LeadMatch | null {
    return this.index.find(...LeadIndex.keys(k))
  }
}
