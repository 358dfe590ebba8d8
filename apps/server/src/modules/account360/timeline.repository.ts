import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { scopeFor } from '../../core/access/permissions'
import type { Collection } from '../../core/crud/collection'
import { decodeCursor, encodeCursor } from '../../core/crud/cursor'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'

import type { timelineKindValues } from '@openkam/contract'

export type TimelineKind = (typeof timelineKindValues)[number]
export type TimelineItem = {
  kind: TimelineKind
  at: string
  title: string
  refType: string
  refId: string
  subtype: string | null
}

/** One source of timeline entries: a collection, its time column, its title and its sub-kind. */
export type TimelineSource = {
  kind: TimelineKind
  collection: Collection<any, any, any>
  at: AnyPgColumn
  title: AnyPgColumn | SQL
  subtype: AnyPgColumn | SQL | null
  /** How the source's rows point at the account, when not by `accountId` (custom objects' relation fields). */
  match?: SQL
  /** The entry's refType, when not the collection's entity. */
  refType?: string
}

const SORT = '-at'

/**
 * The merged timeline of one account, newest first, as ONE query (a UNION ALL of the sources the
 * person may read), keyset-paginated on (at, refId).
 */
export async function readTimeline(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  sources: TimelineSource[],
  opts: { kinds?: string[]; limit: number; cursor?: string },
) {
  const parts: SQL[] = []
  for (const s of sources) {
    if (opts.kinds && !opts.kinds.includes(s.kind)) continue
    const scope = scopeFor(ctx.principal, s.collection.def.name, 'read')
    if (scope === 'none') continue
    const t = s.collection.def.table as any
    const where = and(
      eq(t.workspaceId, ctx.ws),
      s.match ?? eq(t.accountId, accountId),
      s.collection.partitionWhere(),
      isNull(t.deletedAt),
      s.collection.visibility(ctx, scope),
    )
    parts.push(sql`(select ${s.kind}::text as kind, ${s.at} as at, ${s.title}::text as title, ${s.refType ?? s.collection.def.entity}::text as ref_type,
      ${t.id} as ref_id, ${s.subtype ?? sql`null`}::text as subtype
      from ${s.collection.def.table} where ${where})`)
  }
  if (parts.length === 0) return { data: [] as TimelineItem[], nextCursor: null }
  let after = sql``
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, SORT)
    const at = new Date(String(c.v))
    after = sql`where (u.at, u.ref_id) < (${at}, ${c.id}::uuid)`
  }
  const res = (await tx.execute(sql`
    select u.kind, u.at, u.title, u.ref_type as "refType", u.ref_id as "refId", u.subtype
    from (${sql.join(parts, sql` union all `)}) u ${after}
    order by u.at desc, u.ref_id desc
    limit ${opts.limit + 1}`)) as unknown as {
    rows: {
      kind: TimelineKind
      at: Date | string
      title: string
      refType: string
      refId: string
      subtype: string | null
    }[]
  }
  const rows = res.rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))
  const page = rows.slice(0, opts.limit)
  const last = page.at(-1)
  return {
    data: page,
    nextCursor:
      rows.length > opts.limit && last ? encodeCursor({ s: SORT, v: last.at, id: last.refId }) : null,
  }
}
