import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contacts } from './contact.table'

/** Digits of a stored phone, to compare with `phoneKey`'s. */
const phoneDigits = sql`regexp_replace(coalesce(${contacts.phone}, ''), '[^0-9]', '', 'g')`

/**
 * Live contacts of the workspace that may be the person described — the same e-mail (ignoring case), a
 * phone ending in the same digits, or the same name at the account — loose enough for `samePerson` to
 * decide after; `visible` is the caller's row visibility.
 */
export function findContactTwins(
  tx: Executor,
  ws: string,
  k: { email: string | null; phoneTail: string | null; accountId: string | null; name: string | null },
  visible: SQL,
  excludeId?: string,
) {
  const alike = or(
    k.email ? sql`lower(${contacts.email}) = ${k.email}` : undefined,
    k.phoneTail ? sql`${phoneDigits} like ${`%${k.phoneTail}`}` : undefined,
    k.accountId && k.name
      ? and(eq(contacts.accountId, k.accountId), sql`lower(${contacts.name}) = ${k.name}`)
      : undefined,
  )
  if (!alike) return Promise.resolve([])
  return tx
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
      accountId: contacts.accountId,
      accountName: accounts.name,
      visible: sql<boolean>`(${visible})`.mapWith(Boolean),
    })
    .from(contacts)
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(
      and(
        eq(contacts.workspaceId, ws),
        isNull(contacts.deletedAt),
        excludeId ? ne(contacts.id, excludeId) : undefined,
        alike,
      ),
    )
    .orderBy(contacts.id)
    .limit(200)
}
