import { count, eq, sql } from 'drizzle-orm'
import { scopeFor, systemPrincipal } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { EventSink } from '../../core/events/bus'
import type { Executor } from '../../core/db/types'
import { defaultRoles, userTables } from '../users'
import { workspaces } from '../../core/tenancy/workspace.table'

export type NewWorkspace = { name: string; slug: string; locale: 'zh-CN' | 'en'; isDemo?: boolean }

export const hasWorkspaces = async (db: Executor) =>
  Number((await db.select({ n: count() }).from(workspaces))[0]?.n ?? 0) > 0

export const findWorkspaceBySlug = async (db: Executor, slug: string) =>
  (await db.select().from(workspaces).where(eq(workspaces.slug, slug)))[0] ?? null

/**
 * Creates a workspace with its built-in roles and returns a system context to fill it. New workspaces
 * come from `createWorkspaceFromTemplate` (modules/templates), which adds every module's template part.
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

const workspaceRecord = (w: typeof workspaces.$inferSelect) => ({
  id: w.id,
  name: w.name,
  slug: w.slug,
  locale: w.locale as 'zh-CN' | 'en',
  currency: w.currency,
  version: w.version,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
})

export async function getWorkspace(tx: Executor, ctx: Ctx) {
  const [w] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.ws))
  if (!w) throw new AppError('not_found', 'not_found', 'Workspace was not found')
  return workspaceRecord(w)
}

/** Changes the workspace's name, language or currency (administrators). */
export async function updateWorkspace(
  tx: Executor,
  ctx: Ctx,
  input: { version: number; name?: string; locale?: 'zh-CN' | 'en'; currency?: string },
) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all') {
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the workspace settings')
  }
  const [w] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.ws)).for('update')
  if (!w) throw new AppError('not_found', 'not_found', 'Workspace was not found')
  const before = workspaceRecord(w)
  if (w.version !== input.version) {
    throw new AppError(
      'conflict',
      'version_conflict',
      'The workspace settings changed since you read them; reload and try again',
      {
        current: before,
      },
    )
  }
  const { version: _v, ...changes } = input
  const [updated] = await tx
    .update(workspaces)
    .set({ ...changes, updatedAt: new Date(), version: sql`${workspaces.version} + 1` })
    .where(eq(workspaces.id, ctx.ws))
    .returning()
  const after = workspaceRecord(updated!)
  const d = diff(before, after)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'workspace', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'workspace.updated',
      entityType: 'workspace',
      entityId: ctx.ws,
      payload: { record: after, changed: d.changed },
    },
  ])
  return after
}
