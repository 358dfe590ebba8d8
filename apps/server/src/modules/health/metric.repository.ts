import { newId } from '../../core/ids'
import type { Executor } from '../../core/db/types'
import { metricValues } from './health.table'

export type MetricInput = {
  accountId: string
  metric: string
  value: number
  at?: Date
  source?: string
  recordedBy?: string | null
}

/**
 * Records metric values (one row each, kept as history). Call it inside the transaction of the change
 * that produced the value; other modules (surveys, usage, tickets) use it to feed the health score.
 */
export async function recordMetrics(tx: Executor, ws: string, rows: MetricInput[]) {
  if (!rows.length) return
  const now = new Date()
  await tx.insert(metricValues).values(
    rows.map((r) => ({
      id: newId(),
      workspaceId: ws,
      accountId: r.accountId,
      metric: r.metric,
      value: String(r.value),
      at: r.at ?? now,
      source: r.source ?? 'api',
      recordedAt: now,
      recordedBy: r.recordedBy ?? null,
    })),
  )
}
