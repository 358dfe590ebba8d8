import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { userTables } from '../users'
import { workspaces } from '../workspaces'

/** Every workspace of the instance with its number of active people and of accounts. */
export async function workspacesWithCounts(db: Executor) {
  const users = userTables.users
  const list = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt), asc(workspaces.name))
  const people = await db
    .select({ ws: users.workspaceId, n: count() })
    .from(users)
    .where(and(eq(users.active, true), isNull(users.deletedAt)))
    .groupBy(users.workspaceId)
  const accountCounts = await db
    .select({ ws: accounts.workspaceId, n: count() })
    .from(accounts)
    .where(isNull(accounts.deletedAt))
    .groupBy(accounts.workspaceId)
  const byWs = (rows: { ws: string; n: number }[]) => new Map(rows.map((r) => [r.ws, Number(r.n)]))
  const p = byWs(people)
  const a = byWs(accountCounts)
  return list.map((w) => ({
    id: w.id,
    name: w.name,
    slug: w.slug,
    locale: w.locale,
    createdAt: w.createdAt.toISOString(),
    users: p.get(w.id) ?? 0,
    accounts: a.get(w.id) ?? 0,
    demo: w.isDemo === 1,
  }))
}

/** The workspace named so (case and surrounding spaces ignored), or with this slug. */
export async function workspaceNamed(db: Executor, name: string) {
  const [w] = await db
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .where(sql`lower(trim(${workspaces.name})) = ${name.trim().toLowerCase()}`)
  return w ?? null
}

export async function slugTaken(db: Executor, slug: string) {
  const [w] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug))
  return !!w
}
