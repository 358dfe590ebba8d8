import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { dashboardSubscriptions as s } from '../report.table'

export type SubscriptionRow = typeof s.$inferSelect

/** The enabled subscriptions of live dashboards, of one workspace or of all. */
export const enabledSubscriptions = (tx: Executor, ws?: string) =>
  tx
    .select()
    .from(s)
    .where(
      and(
        ws ? eq(s.workspaceId, ws) : undefined,
        eq(s.enabled, true),
        isNull(s.deletedAt),
        sql`exists (select 1 from dashboards d where d.workspace_id = ${s.workspaceId} and d.id = ${s.dashboardId} and d.deleted_at is null)`,
      ),
    )

/**
 * Takes the subscription's current period for this run: sets lastSentAt when it still holds the value the
 * run read. False when another run took it first (then that run sends, this one does not).
 */
export async function claimSend(tx: Executor, row: SubscriptionRow, now: Date): Promise<boolean> {
  const same = row.lastSentAt ? eq(s.lastSentAt, row.lastSentAt) : isNull(s.lastSentAt)
  const out = await tx
    .update(s)
    .set({ lastSentAt: now })
    .where(and(eq(s.workspaceId, row.workspaceId), eq(s.id, row.id), same))
    .returning({ id: s.id })
  return out.length === 1
}
