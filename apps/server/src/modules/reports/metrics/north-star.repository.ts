import { asc, eq } from 'drizzle-orm'
import type { EffortCosts, NorthStar } from '@openkam/contract'
import type { Executor } from '../../../core/db/types'
import { effortCosts, northStarMetrics } from '../report.table'

type NorthStarMetrics = NorthStar['metrics']

/** The workspace's north-star metrics in their order. */
export async function findNorthStar(tx: Executor, ws: string, forUpdate = false): Promise<NorthStarMetrics> {
  const q = tx
    .select()
    .from(northStarMetrics)
    .where(eq(northStarMetrics.workspaceId, ws))
    .orderBy(asc(northStarMetrics.position), asc(northStarMetrics.key))
  const rows = forUpdate ? await q.for('update') : await q
  return rows.map((r) => ({
    key: r.key as NorthStarMetrics[number]['key'],
    target: Number(r.target),
    period: r.period as NorthStarMetrics[number]['period'],
  }))
}

/** Replaces the list (in the caller's transaction). */
export async function replaceNorthStar(tx: Executor, ws: string, list: NorthStarMetrics, by: string | null) {
  await tx.delete(northStarMetrics).where(eq(northStarMetrics.workspaceId, ws))
  if (!list.length) return
  const now = new Date()
  await tx.insert(northStarMetrics).values(
    list.map((m, position) => ({
      workspaceId: ws,
      key: m.key,
      target: String(m.target),
      period: m.period,
      position,
      updatedAt: now,
      updatedBy: by,
    })),
  )
}

/** The workspace's effort costs, or null when none were set. */
export async function findEffortCosts(
  tx: Executor,
  ws: string,
  forUpdate = false,
): Promise<EffortCosts | null> {
  const q = tx.select().from(effortCosts).where(eq(effortCosts.workspaceId, ws))
  const [row] = forUpdate ? await q.for('update') : await q
  return row?.costs ?? null
}

/** Writes the workspace's effort costs (insert or replace). */
export async function saveEffortCosts(tx: Executor, ws: string, costs: EffortCosts, by: string | null) {
  const now = new Date()
  await tx
    .insert(effortCosts)
    .values({ workspaceId: ws, costs, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: effortCosts.workspaceId, set: { costs, updatedAt: now, updatedBy: by } })
}
