import { and, eq, isNull, ne, or, sql } from 'drizzle-orm'
import { reaches, scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountNameKey, hostOf, sameAccount } from './account-match'
import { accounts } from './account.table'

export type DuplicateKey = {
  name?: string
  creditCode?: string
  domain?: string
  website?: string
  excludeId?: string
}

const rank = { creditCode: 0, domain: 1, name: 2 } as const

/** The name key in SQL, loose enough to find every account `accountNameKey` could match (checked after). */
const sqlNameKey = sql`regexp_replace(lower(normalize(${accounts.name}, NFKC)), '[[:space:][:punct:]。、·“”‘’《》【】「」『』〔〕—…￥]', '', 'g')`

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

/**
 * Live accounts of the workspace that look like the one described — the same unified social credit code,
 * the same domain (or website host), or a near-identical name — by the importer's rules (`sameAccount`),
 * strongest first. Accounts the caller may not read are included (a twin owned by a colleague is the one
 * to know about) with their name only.
 */
export async function findAccountDuplicates(tx: Executor, ctx: Ctx, k: DuplicateKey) {
  const creditCode = k.creditCode?.trim() || null
  const host = hostOf(k.domain) ?? hostOf(k.website)
  const nameKey = k.name ? accountNameKey(k.name) : ''
  if (!creditCode && !host && !nameKey) return []
  const rows = await tx
    .select({
      id: accounts.id,
      name: accounts.name,
      creditCode: accounts.creditCode,
      domain: accounts.domain,
      website: accounts.website,
      ownerId: accounts.ownerId,
      csmId: accounts.csmId,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.ws),
        isNull(accounts.deletedAt),
        k.excludeId ? ne(accounts.id, k.excludeId) : undefined,
        or(
          creditCode ? eq(accounts.creditCode, creditCode) : undefined,
          host ? sql`lower(${accounts.domain}) = ${host}` : undefined,
          host ? sql`lower(${accounts.website}) like ${`%${escapeLike(host)}%`}` : undefined,
          nameKey ? sql`${sqlNameKey} like ${`${escapeLike(nameKey)}%`}` : undefined,
        ),
      ),
    )
    .limit(200)
  const scope = scopeFor(ctx.principal, 'accounts', 'read')
  const key = { creditCode, domain: host, name: k.name ?? '' }
  return rows
    .map((r) => {
      const on = sameAccount(key, {
        creditCode: r.creditCode,
        domain: hostOf(r.domain) ?? hostOf(r.website),
        name: r.name,
      })
      const visible = reaches(ctx.principal, scope, [r.ownerId, r.csmId])
      return {
        id: r.id,
        name: r.name,
        creditCode: visible ? r.creditCode : null,
        domain: visible ? r.domain : null,
        ownerId: visible ? r.ownerId : null,
        on,
        visible,
      }
    })
    .filter((c): c is typeof c & { on: NonNullable<typeof c.on> } => c.on !== null)
    .sort((a, b) => rank[a.on] - rank[b.on] || a.name.localeCompare(b.name))
    .slice(0, 10)
}
