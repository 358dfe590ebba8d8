import { newId } from '../../core/ids'
import type { Executor } from '../../core/db/types'
import type { JobQueue } from '../../core/jobs/jobs'
import { metricValues } from './health.table'

export type MetricInput = {
  accountId: string
  metric: string
  value: number
  at?: Date
  source?: string
  recordedBy?: string | null
}

/** Inserts metric values as they are (one row each, kept as history); nothing else happens. */
export async function insertMetricValues(tx: Executor, ws: string, rows: MetricInput[]) {
  if (!rows.length) return
  const now = new Date()
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(metricValues).values(
      rows.slice(i, i + 1000).map((r) => ({
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
}

/** The job that recomputes some accounts' health; set by the health module's handlers at start-up. */
let recomputeQueue: JobQueue | null = null
export const HEALTH_ACCOUNTS_JOB = 'health_accounts_recompute'

/** Called once by the runtime (through healthHandlers) so recordMetrics can queue recomputes. */
export const useRecomputeQueue = (jobs: JobQueue | null) => {
  recomputeQueue = jobs
}

/**
 * Queues a recompute of some accounts' health in the caller's transaction (it commits or rolls back
 * with the change), two seconds later so a burst of inputs is scored once or twice, not per input.
 * Without a queue (scripts, the seed) the nightly recompute catches up.
 */
export async function requestRecompute(tx: Executor, ws: string, accountIds: string[]) {
  const unique = [...new Set(accountIds)]
  if (!recomputeQueue || !unique.length) return
  for (let i = 0; i < unique.length; i += 500)
    await recomputeQueue.send(
      tx,
      HEALTH_ACCOUNTS_JOB,
      { ws, accountIds: unique.slice(i, i + 500) },
      {
        startAfterSeconds: 2,
      },
    )
}

/** The job that refreshes the accounts waiting in health_refresh_pending (usage events arrived). */
export const HEALTH_PENDING_JOB = 'health_pending_refresh'

/** Seconds between refreshes of the waiting accounts while usage events keep arriving. */
export const PENDING_DEBOUNCE_SECONDS = 5

/**
 * Queues the refresh of a workspace's waiting accounts in the caller's transaction, a few seconds later so
 * that the batches of a burst are refreshed together (each run refreshes every waiting account once).
 * Without a queue the nightly recompute catches up.
 */
export async function requestPendingRefresh(
  tx: Executor | null,
  ws: string,
  startAfterSeconds = PENDING_DEBOUNCE_SECONDS,
) {
  if (!recomputeQueue) return
  await recomputeQueue.send(tx, HEALTH_PENDING_JOB, { ws }, { startAfterSeconds })
}

/**
 * Records metric values (one row each, kept as history) and queues the recompute of their accounts'
 * health. Call it inside the transaction of the change that produced the value; other modules (surveys,
 * usage, tickets) use it to feed the health score.
 */
export async function recordMetrics(tx: Executor, ws: string, rows: MetricInput[]) {
  if (!rows.length) return
  await insertMetricValues(tx, ws, rows)
  await requestRecompute(
    tx,
    ws,
    rows.map((r) => r.accountId),
  )
}
