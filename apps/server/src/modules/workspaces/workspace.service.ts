import { count, eq } from 'drizzle-orm'
import { systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { EventSink } from '../../core/events/bus'
import type { Db, Executor } from '../../core/db/types'
import { defaultRoles, userTables } from '../users'
import { workspaces } from './workspace.table'

export type NewWorkspace = { name: string; slug: string; locale: 'zh-CN' | 'en'; isDemo?: boolean }

export const hasWorkspaces = async (db: Executor) =>
  Number((await db.select({ n: count() }).from(workspaces))[0]?.n ?? 0) > 0

export const findWorkspaceBySlug = async (db: Executor, slug: string) =>
  (await db.select().from(workspaces).where(eq(workspaces.slug, slug)))[0] ?? null

/**
 * Creates a workspace with the default template (today: the built-in roles; later issues add
 * stages, models, rules and dashboards here) and returns a system context to fill it.
 */
export async function createWorkspace(tx: Executor, events: EventSink, input: NewWorkspace): Promise<Ctx> {
  const id = newId()
  const now = new Date()
  await tx.insert(workspaces).values({
    id,
    name: input.name,
    slug: input.slug,
    locale: input.locale,
    currency: 'CNY',
    isDemo: input.isDemo ? 1 : 0,
    createdAt: now,
    updatedAt: now,
  })
  const ctx: Ctx = { ws: id, principal: systemPrincipal(id), events }
  await tx.insert(userTables.roles).values(
    defaultRoles.map((r) => ({
      id: newId(),
      workspaceId: id,
      key: r.key,
      name: r.name[input.locale],
      description: r.description,
      permissions: r.permissions,
      builtin: true,
      createdAt: now,
      updatedAt: now,
    })),
  )
  await recordAudit(tx, ctx, [{ action: 'create', entityType: 'workspace', entityId: id, after: input }])
  await events.emit(tx, ctx, [
    { type: 'workspace.created', entityType: 'workspace', entityId: id, payload: { ...input } },
  ])
  return ctx
}

export async function withTx<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(work)
}
