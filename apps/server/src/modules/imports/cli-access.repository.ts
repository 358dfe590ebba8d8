import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { userTables } from '../users'

/** The roles and team reach of an active user found by e-mail (for the command line, which has no session). */
export async function findUserAccessByEmail(tx: Executor, ws: string, email: string) {
  const { users, userRoles, roles, teams, teamMembers } = userTables
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, ws),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        eq(users.active, true),
        isNull(users.deletedAt),
      ),
    )
  if (!user) return null
  const roleRows = await tx
    .select({ key: roles.key, permissions: roles.permissions })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.workspaceId, userRoles.workspaceId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(userRoles.workspaceId, ws), eq(userRoles.userId, user.id), isNull(roles.deletedAt)))
  const myTeams = tx
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.workspaceId, ws),
        isNull(teams.deletedAt),
        or(
          eq(teams.managerId, user.id),
          sql`exists (select 1 from team_members me where me.workspace_id = ${ws} and me.team_id = ${teams.id} and me.user_id = ${user.id})`,
        ),
      ),
    )
  const members = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, ws), inArray(teamMembers.teamId, myTeams)))
  const managers = await tx
    .select({ userId: teams.managerId })
    .from(teams)
    .where(and(eq(teams.workspaceId, ws), inArray(teams.id, myTeams)))
  const team = [...members, ...managers].map((m) => m.userId).filter((x): x is string => !!x)
  return { userId: user.id, roles: roleRows, teamUserIds: [...new Set([user.id, ...team])] }
}
