import { and, eq } from 'drizzle-orm'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { defaultRoles } from './default-roles'
import { roles } from './user.table'

/**
 * Gives the built-in roles of an older workspace the permissions of collections added since it was
 * created (a new module's resource), without touching any entry an administrator already has: only
 * resources a role does not mention at all are added, each change audited on the role.
 */
export async function addMissingRolePermissions(tx: Executor, ctx: Ctx) {
  const rows = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.workspaceId, ctx.ws), eq(roles.builtin, true)))
  for (const row of rows) {
    const template = defaultRoles.find((r) => r.key === row.key)
    if (!template) continue
    const missing = Object.keys(template.permissions).filter((k) => !(k in row.permissions))
    if (!missing.length) continue
    const permissions = {
      ...row.permissions,
      ...Object.fromEntries(missing.map((k) => [k, template.permissions[k]])),
    }
    await tx
      .update(roles)
      .set({ permissions, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(roles.workspaceId, ctx.ws), eq(roles.id, row.id)))
    await recordAudit(tx, ctx, [
      {
        action: 'update',
        entityType: 'role',
        entityId: row.id,
        before: { permissions: row.permissions },
        after: { permissions },
      },
    ])
  }
}
