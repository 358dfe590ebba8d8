import { sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import type { FieldAccessMap, Permissions } from '../../core/access/permissions'
import type { TokenScopes } from '../../core/access/token-scope'

export type AccessRow = {
  userId: string
  tokenId: string | null
  roles: { key: string; permissions: Permissions; fieldAccess?: FieldAccessMap }[]
  teamUserIds: string[]
  /** The person's own language, for messages. */
  locale: string | null
}

const principalColumns = (userIdExpr: ReturnType<typeof sql>) => sql`
  u.id as "userId", u.locale as "locale",
  coalesce((
    select json_agg(json_build_object('key', r.key, 'permissions', r.permissions, 'fieldAccess', r.field_access))
    from user_roles ur join roles r on r.workspace_id = ur.workspace_id and r.id = ur.role_id and r.deleted_at is null
    where ur.workspace_id = u.workspace_id and ur.user_id = ${userIdExpr}
  ), '[]'::json) as roles,
  coalesce((
    select json_agg(distinct x.user_id) from (
      select m.user_id from team_members m
      join teams t on t.workspace_id = m.workspace_id and t.id = m.team_id and t.deleted_at is null
      where m.workspace_id = u.workspace_id
        and (t.manager_id = u.id or exists (
          select 1 from team_members me where me.workspace_id = u.workspace_id and me.team_id = t.id and me.user_id = u.id))
      union select t.manager_id from teams t
      join team_members me on me.workspace_id = t.workspace_id and me.team_id = t.id and me.user_id = u.id
      where t.workspace_id = u.workspace_id and t.deleted_at is null and t.manager_id is not null
    ) x
  ), '[]'::json) as "teamUserIds"`

/** The person behind a live session (unexpired, active user), or null. */
export async function findSessionUser(
  tx: Executor,
  ws: string,
  tokenHash: string,
): Promise<{ userId: string; expiresAt: Date } | null> {
  const res = (await tx.execute(sql`
    select s.user_id as "userId", s.expires_at as "expiresAt" from sessions s
    join users u on u.workspace_id = s.workspace_id and u.id = s.user_id and u.active and u.deleted_at is null
    where s.workspace_id = ${ws} and s.token_hash = ${tokenHash} and s.expires_at > now()`)) as unknown as {
    rows: { userId: string; expiresAt: Date | string }[]
  }
  const row = res.rows[0]
  return row ? { userId: row.userId, expiresAt: new Date(row.expiresAt) } : null
}

export type ApiTokenOwner = {
  userId: string
  tokenId: string
  scopes: TokenScopes | null
  /** Whether the last use recorded is more than a minute ago (or none): then it is recorded again. */
  staleUse: boolean
  expiresAt: Date | null
}

/** The owner of a live API token (not revoked or expired, active user), or null. */
export async function findApiTokenUser(
  tx: Executor,
  ws: string,
  tokenHash: string,
): Promise<ApiTokenOwner | null> {
  const res = (await tx.execute(sql`
    select k.user_id as "userId", k.id as "tokenId", k.scopes, (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') as "staleUse",
      k.expires_at as "expiresAt"
    from api_tokens k
    join users u on u.workspace_id = k.workspace_id and u.id = k.user_id and u.active and u.deleted_at is null
    where k.workspace_id = ${ws} and k.token_hash = ${tokenHash} and k.revoked_at is null
      and k.deleted_at is null and (k.expires_at is null or k.expires_at > now())`)) as unknown as {
    rows: (Omit<ApiTokenOwner, 'expiresAt'> & { expiresAt: Date | string | null })[]
  }
  const row = res.rows[0]
  return row ? { ...row, expiresAt: row.expiresAt ? new Date(row.expiresAt) : null } : null
}

/** The same access data for a known user (used at sign-in). */
export async function findUserAccess(tx: Executor, ws: string, userId: string): Promise<AccessRow | null> {
  const res = (await tx.execute(sql`
    select ${principalColumns(sql`u.id`)}, null as "tokenId"
    from users u where u.workspace_id = ${ws} and u.id = ${userId} and u.active and u.deleted_at is null`)) as unknown as {
    rows: AccessRow[]
  }
  return res.rows[0] ?? null
}
