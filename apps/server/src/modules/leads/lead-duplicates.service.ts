import { sql } from 'drizzle-orm'
import { fieldAccessOf, scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { samePerson, type PersonMatch } from '../contacts'
import { leadCollection } from './lead.collection'
import { findLeadLookalikes } from './lead-duplicates.repository'
import { leadKeys } from './lead-match'

export type LeadDuplicateKey = {
  name?: string
  company?: string
  email?: string
  phone?: string
  excludeId?: string
}

const rank: Record<PersonMatch, number> = { email: 0, phone: 1, name: 2 }

/**
 * Live leads of the workspace that look like the one described (`samePerson` on `leadKeys`): the same
 * e-mail, or the same company with the same phone or name — the importer's rules plus the phone, strongest
 * first. Leads the caller may not read are included with their name only; a field hidden from the caller
 * is neither compared nor shown.
 */
export async function findLeadDuplicates(tx: Executor, ctx: Ctx, q: LeadDuplicateKey) {
  const shows = (f: 'email' | 'phone' | 'company') => fieldAccessOf(ctx.principal, 'leads', f) !== 'hidden'
  const key = leadKeys({
    name: q.name,
    company: shows('company') ? q.company : null,
    email: shows('email') ? q.email : null,
    phone: shows('phone') ? q.phone : null,
  })
  const scope = scopeFor(ctx.principal, 'leads', 'read')
  const visible = scope === 'none' ? sql`false` : (leadCollection.visibility(ctx, scope) ?? sql`true`)
  const rows = await findLeadLookalikes(
    tx,
    ctx.ws,
    {
      email: key.email,
      phoneTail: key.phone?.slice(-7) ?? null,
      name: q.name?.trim().toLowerCase() || null,
    },
    visible,
    q.excludeId,
  )
  return rows
    .map((r) => {
      const v = r.visible
      return {
        id: r.id,
        name: r.name,
        on: samePerson(key, leadKeys({ ...r, company: shows('company') ? r.company : null })),
        email: v && shows('email') ? r.email : null,
        phone: v && shows('phone') ? r.phone : null,
        accountId: null,
        accountName: null,
        company: v && shows('company') ? r.company : null,
        visible: v,
      }
    })
    .filter((c): c is typeof c & { on: PersonMatch } => c.on !== null)
    .sort((a, b) => rank[a.on] - rank[b.on] || a.name.localeCompare(b.name))
    .slice(0, 10)
}
