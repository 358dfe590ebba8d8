import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { workspaces } from '../../core/tenancy/workspace.table'
import { sessions, users } from './user.table'

/** A live session by its token hash, with the workspaces its sign-in linked (ADR 0025). */
export async function findLiveSession(db: Executor, ws: string, tokenHash: string) {
  const [row] = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      linked: sessions.linkedWorkspaceIds,
      email: users.email,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.workspaceId, sessions.workspaceId), eq(users.id, sessions.userId)))
    .where(
      and(
        eq(sessions.workspaceId, ws),
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, new Date()),
      ),
    )
  return row ?? null
}

/** The user rows with this e-mail in these workspaces (not deleted), with the workspace's name and slug. */
export async function personRows(db: Executor, email: string, workspaceIds: string[]) {
  if (!workspaceIds.length) return []
  return db
    .select({
      workspaceId: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      userId: users.id,
      active: users.active,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(
      and(
        inArray(users.workspaceId, workspaceIds),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        isNull(users.deletedAt),
      ),
    )
    .orderBy(asc(workspaces.name))
}

export const endSession = (db: Executor, ws: string, id: string) =>
  db.delete(sessions).where(and(eq(sessions.workspaceId, ws), eq(sessions.id, id)))

export async function emailOf(db: Executor, ws: string, userId: string) {
  const [row] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.workspaceId, ws), eq(users.id, userId)))
  return row?.email ?? null
}
