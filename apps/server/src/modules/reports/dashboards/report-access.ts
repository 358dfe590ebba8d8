import type { SavedReport } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import { scopeFor } from '../../../core/access/permissions'
import { savedReports } from '../report.table'
import { sharedWithSql } from './shared-with'
// TEMPORARY until savedReportCollection lands

/** The saved reports among `ids` the person may read (their own, shared with them, or within their scope). */
export async function readableReports(
  tx: Executor,
  ctx: Ctx,
  ids: string[],
): Promise<Map<string, SavedReport>> {
  const out = new Map<string, SavedReport>()
  if (!ids.length) return out
  const scope = scopeFor(ctx.principal, 'reports', 'read')
  if (scope === 'none') return out
  const t = savedReports
  const vis =
    scope === 'all'
      ? undefined
      : or(
          inArray(t.ownerId, scope === 'own' ? [ctx.principal.userId ?? ''] : ctx.principal.teamUserIds),
          sharedWithSql(t.sharedWith, ctx),
        )
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.workspaceId, ctx.ws), isNull(t.deletedAt), inArray(t.id, ids), vis))
  for (const r of rows)
    out.set(r.id, { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() } as any)
  return out
}

export async function readableReportIds(tx: Executor, ctx: Ctx, ids: string[]): Promise<Set<string>> {
  return new Set((await readableReports(tx, ctx, ids)).keys())
}
