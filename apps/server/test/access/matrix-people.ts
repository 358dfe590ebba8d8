// The authorization matrix's view of a workspace, read straight from the database (never through the API
// under test): each person's roles merged into permissions, the people their `team` scope reaches, and for
// each record of a collection the people who own it (its owner columns, its parent account's owners, a role
// it is assigned to). The expected answers are computed from these with the access model's rules.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import {
  mergePermissions,
  scopeFor,
  type Action,
  type Permissions,
  type Scope,
} from '../../src/core/access/permissions'
import type { Collection } from '../../src/core/crud/collection'
import type { Ctx } from '../../src/core/context'
import type { Db } from '../../src/core/db/types'

export type Person = {
  email: string
  userId: string
  roles: string[]
  permissions: Permissions
  /** Everyone `team` scope reaches: the members of the teams the person belongs to or manages, and the person. */
  team: Set<string>
}

export type Row = {
  id: string
  version: number
  /** The record's own owner columns (ownerId, and e.g. an account's CSM, a task's assignee). */
  owners: string[]
  /** The owners of its parent account, through which it is reached too. */
  parentOwners: string[]
  /** A role the record is assigned to (a task for legal): everyone holding it reaches the record. */
  role: string | null
  /** Shared with the person beyond their scope (reports, dashboards, list views): readable, not writable. */
  sharedWith: Set<string>
}

const rowsOf = async <T>(db: Db, q: SQL): Promise<T[]> =>
  ((await db.execute(q)) as unknown as { rows: T[] }).rows

/** The people of a workspace by e-mail, with their merged permissions and team reach. */
export async function loadPeople(db: Db, ws: string, emails: string[]): Promise<Map<string, Person>> {
  const roles = await rowsOf<{ key: string; permissions: Permissions }>(
    db,
    sql`select key, permissions from roles where workspace_id = ${ws} and deleted_at is null`,
  )
  const byKey = new Map(roles.map((r) => [r.key, r.permissions]))
  const out = new Map<string, Person>()
  for (const email of emails) {
    const [u] = await rowsOf<{ id: string }>(
      db,
      sql`select id from users where workspace_id = ${ws} and email = ${email}`,
    )
    if (!u) throw new Error(`no person ${email}`)
    const held = await rowsOf<{ key: string }>(
      db,
      sql`select r.key from user_roles ur join roles r on r.id = ur.role_id and r.deleted_at is null
          where ur.workspace_id = ${ws} and ur.user_id = ${u.id}`,
    )
    const team = await rowsOf<{ id: string }>(
      db,
      sql`select distinct tm.user_id as id from teams t join team_members tm on tm.team_id = t.id
          where t.workspace_id = ${ws} and t.deleted_at is null and (t.manager_id = ${u.id}
            or exists (select 1 from team_members me where me.team_id = t.id and me.user_id = ${u.id}))`,
    )
    out.set(email, {
      email,
      userId: u.id,
      roles: held.map((r) => r.key),
      permissions: mergePermissions(held.map((r) => byKey.get(r.key) ?? {})),
      team: new Set([u.id, ...team.map((t) => t.id)]),
    })
  }
  return out
}

type Def = Collection<any, any, any>['def']

/**
 * Every live record of a collection in the workspace with its owners, from the collection's declared owner
 * columns, parent and role column (`sharedWith` is asked per person: it is the collection's own sharing rule).
 */
export async function loadRows(
  db: Db,
  ws: string,
  c: Collection<any, any, any>,
  people: Person[],
): Promise<Row[]> {
  const d: Def = c.def
  const t = d.table
  const ownerCols = d.ownerColumns ?? [t.ownerId]
  const pick: Record<string, AnyPgColumn> = { id: t.id, version: t.version }
  ownerCols.forEach((oc, i) => (pick[`o${i}`] = oc))
  if (d.parent) pick.parent = d.parent.column
  if (d.roleColumn) pick.role = d.roleColumn
  const where = and(
    eq(t.workspaceId, ws),
    isNull(t.deletedAt),
    d.partition ? eq(d.partition.column, d.partition.value) : undefined,
  )
  const raw = (await db
    .select(pick)
    .from(t as PgTable)
    .where(where)
    .limit(2000)) as Record<string, any>[]
  const parents = new Map<string, string[]>()
  if (d.parent) {
    const p = d.parent
    const ppick: Record<string, AnyPgColumn> = { id: p.table.id }
    p.ownerColumns.forEach((oc, i) => (ppick[`o${i}`] = oc))
    const prows = (await db
      .select(ppick)
      .from(p.table as PgTable)
      .where(eq(p.table.workspaceId, ws))) as Record<string, any>[]
    for (const r of prows) parents.set(r.id, p.ownerColumns.map((_, i) => r[`o${i}`]).filter(Boolean))
  }
  const shared = new Map<string, Set<string>>()
  if (d.sharedWith) {
    for (const p of people) {
      const cond = d.sharedWith(fakeCtx(ws, p))
      if (!cond) continue
      const ids = (await db
        .select({ id: t.id })
        .from(t as PgTable)
        .where(and(where, cond))) as { id: string }[]
      for (const { id } of ids) (shared.get(id) ?? shared.set(id, new Set()).get(id)!).add(p.userId)
    }
  }
  return raw.map((r) => ({
    id: r.id,
    version: r.version,
    owners: ownerCols.map((_, i) => r[`o${i}`]).filter(Boolean),
    parentOwners: (d.parent && r.parent ? parents.get(r.parent) : undefined) ?? [],
    role: r.role ?? null,
    sharedWith: shared.get(r.id) ?? new Set(),
  }))
}

const fakeCtx = (ws: string, p: Person) =>
  ({
    ws,
    principal: {
      kind: 'user',
      workspaceId: ws,
      userId: p.userId,
      roles: p.roles,
      permissions: p.permissions,
      teamUserIds: [...p.team],
    },
  }) as unknown as Ctx

/** Whether `scope` reaches the record for the person (the access model: own, team, all; the parent's owners count). */
export function reaches(p: Person, scope: Scope, row: Row): boolean {
  if (scope === 'all') return true
  if (scope === 'none') return false
  if (row.role && p.roles.includes(row.role)) return true
  const all = [...row.owners, ...row.parentOwners]
  return scope === 'own' ? all.includes(p.userId) : all.some((o) => p.team.has(o))
}

export type Category = 'own' | 'team' | 'other'

/** The relation of a record to a person: theirs, a teammate's, or no one's they reach. */
export function categoryOf(p: Person, row: Row): Category | null {
  if (row.role && p.roles.includes(row.role)) return null
  if (row.sharedWith.has(p.userId)) return null
  const all = [...row.owners, ...row.parentOwners]
  if (row.owners.includes(p.userId)) return 'own'
  if (all.includes(p.userId)) return null
  if (all.some((o) => p.team.has(o))) return 'team'
  return 'other'
}

/**
 * The scope of an action for the person: the role permissions, or the collection's own declared rule when it
 * overrides them (list views and import mappings: everyone keeps their own; administrators manage all).
 */
export function scopeOf(p: Person, collection: string, action: Action, c?: Collection<any, any, any>): Scope {
  if (!c) return scopeFor(p, collection, action)
  try {
    return c.scope(fakeCtx('', p), action)
  } catch {
    return 'none'
  }
}
