import { get } from '../../shared/api/client'

/** The objects whose form warns of a likely duplicate before saving (issue 18.7). */
export type DuplicateObject = 'accounts' | 'contacts' | 'leads'

/** A record that looks like the one being saved, whichever object it is. */
export type Duplicate = {
  id: string
  name: string
  /** What they share: a credit code, domain or near-identical name (accounts); an e-mail, phone or name (people). */
  on: 'creditCode' | 'domain' | 'name' | 'email' | 'phone'
  /** false when the person may not open it (only its name is known). */
  visible: boolean
  /** What else tells it apart, as shown: credit code and domain; account or company, e-mail and phone. */
  details: string[]
}

type AccountCandidate = Omit<Duplicate, 'details' | 'on'> & {
  on: 'creditCode' | 'domain' | 'name'
  creditCode: string | null
  domain: string | null
}
type PersonCandidate = Omit<Duplicate, 'details' | 'on'> & {
  on: 'email' | 'phone' | 'name'
  email: string | null
  phone: string | null
  accountName: string | null
  company: string | null
}

/** The fields each object is compared on: a change to one of them is checked again. */
const keys: Record<DuplicateObject, string[]> = {
  accounts: ['name', 'creditCode', 'domain', 'website'],
  contacts: ['accountId', 'name', 'email', 'phone'],
  leads: ['name', 'company', 'email', 'phone'],
}

const shown = (...v: (string | null)[]) => v.filter((x): x is string => !!x)

/** An account the server refused as a duplicate (409 duplicate_account), as the warning lists it. */
export const takenAccount = (x: { id: string; name: string }): Duplicate => ({
  ...x,
  on: 'creditCode',
  visible: true,
  details: [],
})

/**
 * Records that look like the one being saved: for a new record its values (`body`), for an edited one
 * (`base`) only when a compared field changes. [] for objects without the check, and when the check fails
 * (it only warns).
 */
export async function findDuplicates(
  collection: string,
  body: Record<string, unknown>,
  base?: Record<string, any> | null,
): Promise<Duplicate[]> {
  const fields = keys[collection as DuplicateObject]
  if (!fields || (base && !fields.some((k) => k in body))) return []
  const query: Record<string, string> = {}
  for (const k of fields) {
    const v = (k in body ? body[k] : base?.[k]) as unknown
    if (typeof v === 'string' && v.trim()) query[k] = v
  }
  if (base?.id) query.excludeId = base.id as string
  try {
    if (collection === 'accounts') {
      const r = await get<{ data: AccountCandidate[] }>('/accounts/duplicates', query)
      return r.data.map((c) => ({ ...c, details: shown(c.creditCode, c.domain) }))
    }
    const r = await get<{ data: PersonCandidate[] }>(`/${collection}/duplicates`, query)
    return r.data.map((c) => ({ ...c, details: shown(c.accountName ?? c.company, c.email, c.phone) }))
  } catch {
    return []
  }
}
