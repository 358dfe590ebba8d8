import { Gauge, Registry } from 'prom-client'
import type { Database } from '../db/types'
import { queueOf } from '../events/registry'
import { jobQueueStats, type QueueStats } from './queue-stats.repository'

/** The prefix of event handlers' queues (`event.<handler>`): the outbox's deliveries. */
const EVENT_QUEUE = queueOf('')

/**
 * Returns `load()`'s result, asking again only when the last answer is older than `ttlMs`: several gauges
 * (and scrapers) share one query. A failed load is not kept.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined
  return () => {
    const now = Date.now()
    if (!last || now - last.at >= ttlMs) {
      const value = load()
      const entry = { at: now, value }
      last = entry
      value.catch(() => {
        if (last === entry) last = undefined
      })
    }
    return last.value
  }
}

/**
 * The gauges read when Prometheus scrapes: the database pool, every job queue's depth and wait, and the
 * outbox lag. Queue figures come from one query on pg-boss's tables, kept `cacheMs` (default 5 s).
 * A query that fails (database down) leaves the queue gauges out of that scrape instead of failing it.
 */
export function runtimeGauges(
  database: Pick<Database, 'db' | 'poolStats'>,
  opts: { cacheMs?: number; onError?: (err: unknown) => void } = {},
): Registry {
  const registry = new Registry()
  const registers = [registry]
  const stats = cachedFor(opts.cacheMs ?? 5000, () => jobQueueStats(database.db))
  const queues = async (): Promise<QueueStats[] | undefined> => {
    try {
      return await stats()
    } catch (err) {
      opts.onError?.(err)
      return undefined
    }
  }

  const pool = (name: string, help: string, pick: (s: ReturnType<Database['poolStats']>) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(pick(database.poolStats()))
      },
    })
  pool('openkam_db_pool_max_connections', 'Connections the database pool may open', (s) => s.max)
  pool('openkam_db_pool_connections', 'Database connections open', (s) => s.total)
  pool('openkam_db_pool_idle_connections', 'Database connections open and not in use', (s) => s.idle)
  // PGlite does not tell how many queries wait for its one connection: no series rather than a false 0.
  if (database.poolStats().waiting !== undefined)
    pool(
      'openkam_db_pool_waiting_queries',
      'Queries waiting for a free database connection (PostgreSQL only)',
      (s) => s.waiting ?? 0,
    )

  new Gauge({
    name: 'openkam_job_queue_depth',
    help: 'Jobs not yet taken, by queue and state: waiting (due now) or deferred (a retry or a delayed job)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset()
      for (const q of (await queues()) ?? []) {
        this.set({ queue: q.queue, state: 'waiting' }, q.waiting)
        this.set({ queue: q.queue, state: 'deferred' }, q.deferred)
      }
    },
  })
  new Gauge({
    name: 'openkam_job_queue_oldest_waiting_seconds',
    help: 'How long the oldest due job of the queue has waited for a worker (0 when none waits)',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset()
      for (const q of (await queues()) ?? []) this.set({ queue: q.queue }, q.oldestWaitingSeconds)
    },
  })
  new Gauge({
    name: 'openkam_outbox_lag_seconds',
    help: 'Age of the oldest event some handler has not yet handled (0 when all are handled)',
    registers,
    async collect() {
      this.reset()
      const all = await queues()
      if (!all) return
      const events = all.filter((q) => q.queue.startsWith(EVENT_QUEUE))
      this.set(Math.max(0, ...events.map((q) => q.oldestPendingSeconds)))
    },
  })
  new Gauge({
    name: 'openkam_outbox_pending_jobs',
    help: 'Event handler jobs not yet done (one per event and handler), due or waiting for a retry',
    registers,
    async collect() {
      this.reset()
      const all = await queues()
      if (!all) return
      const events = all.filter((q) => q.queue.startsWith(EVENT_QUEUE))
      this.set(events.reduce((n, q) => n + q.waiting + q.deferred, 0))
    },
  })
  return registry
}
