import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { recordAudit } from '../../core/audit/audit'
import { scopeFor, type FieldAccessMap } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { principalCache } from './access.cache'
import { roles } from './user.table'

async function findRole(tx: Executor, ws: string, keyOrId: string, forUpdate = false) {
  const q = tx
    .select()
    .from(roles)
    .where(
      and(
        eq(roles.workspaceId, ws),
        isNull(roles.deletedAt),
        isUuid(keyOrId) ? or(eq(roles.id, keyOrId), eq(roles.key, keyOrId)) : eq(roles.key, keyOrId),
      ),
    )
  const [r] = forUpdate ? await q.for('update') : await q
  if (!r) throw notFound('Role')
  return r
}

/** A role's field-level security: per object, the fields it may only read or may not see. */
export async function roleFieldAccess(tx: Executor, ctx: Ctx, keyOrId: string) {
  if (scopeFor(ctx.principal, 'roles', 'read') === 'none')
    throw new AppError('forbidden', 'forbidden', 'Your role may not read roles')
  const r = await findRole(tx, ctx.ws, keyOrId)
  return { role: r.key, version: r.version, objects: (r.fieldAccess ?? {}) as FieldAccessMap }
}

/**
 * Replaces a role's field access on one object (fields left out, or set to `edit`, become editable);
 * administrators only. Takes effect at the next request of everyone with the role.
 */
export async function setRoleFieldAccess(
  tx: Executor,
  ctx: Ctx,
  keyOrId: string,
  object: string,
  fields: Record<string, 'hidden' | 'read' | 'edit'>,
) {
  if (scopeFor(ctx.principal, 'roles', 'update') !== 'all')
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only administrators may change what roles see of each field',
    )
  const r = await findRole(tx, ctx.ws, keyOrId, true)
  const before = (r.fieldAccess ?? {}) as FieldAccessMap
  const restricted = Object.fromEntries(
    Object.entries(fields).filter(([, a]) => a !== 'edit') as [string, 'hidden' | 'read'][],
  )
  const after: FieldAccessMap = { ...before }
  if (Object.keys(restricted).length) after[object] = restricted
  else delete after[object]
  await tx
    .update(roles)
    .set({ fieldAccess: after, version: sql`${roles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(roles.workspaceId, ctx.ws), eq(roles.id, r.id)))
  await recordAudit(tx, ctx, [
    {
      action: 'update',
      entityType: 'role',
      entityId: r.id,
      before: { fieldAccess: { [object]: before[object] ?? {} } },
      after: { fieldAccess: { [object]: after[object] ?? {} } },
    },
  ])
  principalCache.invalidate(ctx.ws)
  return { role: r.key, version: r.version + 1, objects: after }
}
