import { and, eq, sql } from 'drizzle-orm'
import type { SetupBody } from '@openkam/contract'
import type { z } from 'zod'
import { AppError } from '../../core/errors'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { userCollection, userTables } from '../users'
import { hasWorkspaces } from './workspace.service'
import { workspaces } from '../../core/tenancy/workspace.table'

/** The same lock as start-up's bootstrap: a first run and a starting process never both create a workspace. */
export const BOOTSTRAP_LOCK = 4_242_002

export type SetupInput = z.output<typeof SetupBody>
/** How a template fills a new workspace; returns the system context of the workspace it created. */
export type TemplateInstaller = (
  tx: Executor,
  events: EventSink,
  input: { name: string; locale: 'zh-CN' | 'en'; admin: { email: string; password: string } },
) => Promise<Ctx>

/** Whether the installation still needs its first workspace, and whether the demo workspace exists. */
export async function setupStatus(db: Executor) {
  const [demo] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.isDemo, 1))
    .limit(1)
  return { needed: !(await hasWorkspaces(db)), demo: !!demo }
}

/**
 * The first workspace and its administrator, in one transaction, only while the installation is empty:
 * later calls (and the loser of two racing calls) get 409 `already_set_up` and change nothing.
 */
export async function runSetup(
  db: Db,
  events: EventSink,
  input: SetupInput,
  templates: Record<SetupInput['template'], TemplateInstaller>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`)
    if (await hasWorkspaces(tx)) {
      throw new AppError(
        'conflict',
        'already_set_up',
        'This installation is set up already; sign in, or ask an administrator for an account',
      )
    }
    const admin = { email: input.email, password: input.password }
    const ctx = await templates[input.template](tx, events, {
      name: input.workspaceName,
      locale: input.locale,
      admin,
    })
    await tx
      .update(workspaces)
      .set({ name: input.workspaceName, locale: input.locale })
      .where(eq(workspaces.id, ctx.ws))
    const [existing] = await tx
      .select({ id: userTables.users.id, version: userTables.users.version })
      .from(userTables.users)
      .where(
        and(eq(userTables.users.workspaceId, ctx.ws), sql`lower(${userTables.users.email}) = ${input.email}`),
      )
    if (existing) {
      await userCollection.update(tx, ctx, existing.id, {
        version: existing.version,
        name: input.adminName,
        password: input.password,
        locale: input.locale,
        roles: ['admin'],
      })
    } else {
      await userCollection.create(tx, ctx, {
        email: input.email,
        name: input.adminName,
        password: input.password,
        locale: input.locale,
        roles: ['admin'],
      })
    }
  })
}
