import { sql } from 'drizzle-orm'
import { fieldAccessOf, scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { contactCollection } from './contact.collection'
import { findContactTwins } from './contact-duplicates.repository'
import { contactKeys, samePerson, type PersonMatch } from './person-match'

export type ContactDuplicateKey = {
  accountId?: string
  name?: string
  email?: string
  phone?: string
  excludeId?: string
}

const rank: Record<PersonMatch, number> = { email: 0, phone: 1, name: 2 }

/**
 * Live contacts of the workspace that look like the one described (`samePerson`): the same e-mail or
 * phone anywhere in the workspace, or the same name at the same account — strongest first. Contacts the
 * caller may not read are included with their name only (a colleague's is the one to know about); a field
 * hidden from the caller is neither compared nor shown.
 */
export async function findContactDuplicates(tx: Executor, ctx: Ctx, q: ContactDuplicateKey) {
  const shows = (f: 'email' | 'phone') => fieldAccessOf(ctx.principal, 'contacts', f) !== 'hidden'
  const key = contactKeys({
    accountId: q.accountId,
    name: q.name,
    email: shows('email') ? q.email : null,
    phone: shows('phone') ? q.phone : null,
  })
  const scope = scopeFor(ctx.principal, 'contacts', 'read')
  const visible = scope === 'none' ? sql`false` : (contactCollection.visibility(ctx, scope) ?? sql`true`)
  const rows = await findContactTwins(
    tx,
    ctx.ws,
    {
      email: key.email,
      phoneTail: key.phone?.slice(-7) ?? null,
      accountId: q.accountId ?? null,
      name: q.name?.trim().toLowerCase() || null,
    },
    visible,
    q.excludeId,
  )
  return rows
    .map((r) => {
      const on = samePerson(key, contactKeys(r))
      const v = r.visible
      return {
        id: r.id,
        name: r.name,
        on,
        email: v && shows('email') ? r.email : null,
        phone: v && shows('phone') ? r.phone : null,
        accountId: v ? r.accountId : null,
        accountName: v ? r.accountName : null,
        company: null,
        visible: v,
      }
    })
    .filter((c): c is typeof c & { on: PersonMatch } => c.on !== null)
    .sort((a, b) => rank[a.on] - rank[b.on] || a.name.localeCompare(b.name))
    .slice(0, 10)
}
