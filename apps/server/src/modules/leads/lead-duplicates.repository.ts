import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { leads } from './lead.table'

/** Digits of a stored phone, to compare with `phoneKey`'s. */
const phoneDigits = sql`regexp_replace(coalesce(${leads.phone}, ''), '[^0-9]', '', 'g')`

/**
 * Live leads of the workspace that may be the person described — the same e-mail or name (ignoring case),
 * or a phone ending in the same digits — loose enough for `samePerson` to decide after; `visible` is the
 * caller's row visibility.
 */
export function findLeadLookalikes(
  tx: Executor,
  ws: string,
  k: { email: string | null; phoneTail: string | null; name: string | null },
  visible: SQL,
  excludeId?: string,
) {
  const alike = or(
    k.email ? sql`lower(${leads.email}) = ${k.email}` : undefined,
    k.phoneTail ? sql`${phoneDigits} like ${`%${k.phoneTail}`}` : undefined,
    k.name ? sql`lower(${leads.name}) = ${k.name}` : undefined,
  )
  if (!alike) return Promise.resolve([])
  return tx
    .select({
      id: leads.id,
      name: leads.name,
      company: leads.company,
      email: leads.email,
      phone: leads.phone,
      visible: sql<boolean>`(${visible})`.mapWith(Boolean),
    })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ws),
        isNull(leads.deletedAt),
        excludeId ? ne(leads.id, excludeId) : undefined,
        alike,
      ),
    )
    .orderBy(leads.id)
    .limit(200)
}
