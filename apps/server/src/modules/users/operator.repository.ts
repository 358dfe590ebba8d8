import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { workspaces } from '../../core/tenancy/workspace.table'
import { instanceOperators, users } from './user.table'

/** Whether a user row is an instance operator (ADR 0025). */
export async function isOperator(
  db: Executor,
  ws: string,
  userId: string | null | undefined,
): Promise<boolean> {
  if (!userId) return false
  const [row] = await db
    .select({ userId: instanceOperators.userId })
    .from(instanceOperators)
    .innerJoin(
      users,
      and(eq(users.workspaceId, instanceOperators.workspaceId), eq(users.id, instanceOperators.userId)),
    )
    .where(
      and(
        eq(instanceOperators.workspaceId, ws),
        eq(instanceOperators.userId, userId),
        eq(users.active, true),
        isNull(users.deletedAt),
      ),
    )
  return !!row
}

/** The user row with this e-mail in the workspace with this slug (active or not), or null. */
export async function findUserInWorkspace(db: Executor, slug: string, email: string) {
  const [row] = await db
    .select({ workspaceId: users.workspaceId, userId: users.id, email: users.email, name: users.name })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(
      and(
        eq(workspaces.slug, slug),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        isNull(users.deletedAt),
      ),
    )
  return row ?? null
}

/** Makes a user row an operator; true when it was not one yet. */
export async function grantOperator(db: Executor, ws: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(instanceOperators)
    .values({ workspaceId: ws, userId })
    .onConflictDoNothing()
    .returning({ userId: instanceOperators.userId })
  return rows.length > 0
}

/** Takes the operator right from a user row; true when it had it. */
export async function revokeOperator(db: Executor, ws: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(instanceOperators)
    .where(and(eq(instanceOperators.workspaceId, ws), eq(instanceOperators.userId, userId)))
    .returning({ userId: instanceOperators.userId })
  return rows.length > 0
}

/** Every operator: e-mail, name and workspace slug. */
export const listOperators = (db: Executor) =>
  db
    .select({
      email: users.email,
      name: users.name,
      workspace: workspaces.slug,
      grantedAt: instanceOperators.grantedAt,
    })
    .from(instanceOperators)
    .innerJoin(
      users,
      and(eq(users.workspaceId, instanceOperators.workspaceId), eq(users.id, instanceOperators.userId)),
    )
    .innerJoin(workspaces, eq(workspaces.id, instanceOperators.workspaceId))
    .orderBy(users.email)
