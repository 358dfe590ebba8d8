import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Ctx } from '../../../core/context'

/** The role key that shares a record with everyone in the workspace. */
export const EVERYONE = '*'

/**
 * Records whose `sharedWith` (`{roles, teams}`) names one of the person's roles, everyone (`*`), or a team
 * the person belongs to or manages — the collection's `sharedWith` hook (readable, never writable).
 * @example sharedWithSql(dashboards.sharedWith, ctx) // → exists (… roles …) or exists (… teams …)
 */
export function sharedWithSql(column: AnyPgColumn, ctx: Ctx): SQL | undefined {
  const roles = [...new Set([EVERYONE, ...ctx.principal.roles])]
  const me = ctx.principal.userId
  const byRole = sql`exists (select 1 from jsonb_array_elements_text(${column} -> 'roles') as r(key) where r.key in (${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )}))`
  if (!me) return byRole
  const byTeam = sql`exists (select 1 from jsonb_array_elements_text(${column} -> 'teams') as s(team)
    join teams t on t.workspace_id = ${ctx.ws} and t.id::text = s.team and t.deleted_at is null
    where t.manager_id = ${me} or exists (select 1 from team_members m
      where m.workspace_id = ${ctx.ws} and m.team_id = t.id and m.user_id = ${me}))`
  return sql`(${byRole} or ${byTeam})`
}
