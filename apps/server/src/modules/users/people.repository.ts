import { sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'

/** A person as notifications and rules need them: how to reach them and in which language. */
export type Person = {
  id: string
  name: string
  email: string
  phone: string | null
  locale: string | null
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** Active people by id (unknown or inactive ids are left out). */
export async function peopleByIds(tx: Executor, ws: string, ids: string[]): Promise<Person[]> {
  if (ids.length === 0) return []
  return rowsOf<Person>(
    await tx.execute(sql`
      select id, name, email, phone, locale from users
      where workspace_id = ${ws} and active and deleted_at is null
        and id in (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})
      order by name`),
  )
}

/** Active people who hold a role (by key, e.g. 'legal'). */
export async function peopleWithRole(tx: Executor, ws: string, role: string): Promise<Person[]> {
  return rowsOf<Person>(
    await tx.execute(sql`
      select u.id, u.name, u.email, u.phone, u.locale from users u
      join user_roles ur on ur.workspace_id = u.workspace_id and ur.user_id = u.id
      join roles r on r.workspace_id = ur.workspace_id and r.id = ur.role_id and r.deleted_at is null
      where u.workspace_id = ${ws} and r.key = ${role} and u.active and u.deleted_at is null
      order by u.name`),
  )
}

/** The role keys a person holds. */
export async function rolesOf(tx: Executor, ws: string, userId: string): Promise<string[]> {
  return rowsOf<{ key: string }>(
    await tx.execute(sql`
      select r.key from user_roles ur
      join roles r on r.workspace_id = ur.workspace_id and r.id = ur.role_id and r.deleted_at is null
      where ur.workspace_id = ${ws} and ur.user_id = ${userId}`),
  ).map((r) => r.key)
}

/**
 * The manager of a person: the manager of a team they are a member of (other than themselves),
 * the first by team name when there are several; null when nobody manages them.
 */
export async function managerOf(tx: Executor, ws: string, userId: string): Promise<string | null> {
  const rows = rowsOf<{ managerId: string }>(
    await tx.execute(sql`
      select t.manager_id as "managerId" from team_members m
      join teams t on t.workspace_id = m.workspace_id and t.id = m.team_id and t.deleted_at is null
      join users u on u.workspace_id = t.workspace_id and u.id = t.manager_id and u.active and u.deleted_at is null
      where m.workspace_id = ${ws} and m.user_id = ${userId} and t.manager_id is not null and t.manager_id <> ${userId}
      order by t.name limit 1`),
  )
  return rows[0]?.managerId ?? null
}

/** The active members of a team (for round-robin assignment). */
export async function teamMemberIds(tx: Executor, ws: string, teamId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await tx.execute(sql`
      select u.id from team_members m
      join users u on u.workspace_id = m.workspace_id and u.id = m.user_id and u.active and u.deleted_at is null
      where m.workspace_id = ${ws} and m.team_id = ${teamId}
      order by u.name, u.id`),
  ).map((r) => r.id)
}

/** The active manager of a team, or null. */
export async function teamManagerOf(tx: Executor, ws: string, teamId: string): Promise<string | null> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select u.id from teams t
      join users u on u.workspace_id = t.workspace_id and u.id = t.manager_id and u.active and u.deleted_at is null
      where t.workspace_id = ${ws} and t.id = ${teamId}::uuid and t.deleted_at is null`),
  )
  return rows[0]?.id ?? null
}

/** The first team (by name) a person is a member of, or null. */
export async function teamOf(tx: Executor, ws: string, userId: string): Promise<string | null> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select t.id from team_members m
      join teams t on t.workspace_id = m.workspace_id and t.id = m.team_id and t.deleted_at is null
      where m.workspace_id = ${ws} and m.user_id = ${userId} order by t.name limit 1`),
  )
  return rows[0]?.id ?? null
}
