import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Ctx } from '../../../core/context'
import { userTables } from '../../users'

/**
 * Whether a report or dashboard is shared with the person: its `sharedWith` (jsonb `{roles, teams}`)
 * names one of their roles, `*` (everyone in the workspace), or a team they belong to.
 * @example sharedWith: (ctx) => sharedWithWhere(ctx, dashboards.sharedWith)
 */
export function sharedWithWhere(ctx: Ctx, column: AnyPgColumn): SQL | undefined {
  const p = ctx.principal
  if (!p.userId) return undefined
  const roles = [...p.roles, '*']
  const tm = userTables.teamMembers
  return sql`((${column} -> 'roles') ?| array[${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[] or exists (select 1 from ${tm} where ${tm.workspaceId} = ${ctx.ws} and ${tm.userId} = ${p.userId} and (${column} -> 'teams') ? (${tm.teamId})::text))`
}
