import { sql } from 'drizzle-orm'
import type { Executor } from '../db/types'

export type QueueStats = {
  queue: string
  /** Due and not yet taken by a worker. */
  waiting: number
  /** Queued for later: retries after a failure, delayed sends. */
  deferred: number
  /** Seconds the oldest due job has waited since it became due (0 when none waits). */
  oldestWaitingSeconds: number
  /** Seconds since the oldest job not yet done (due or deferred) was created (0 when none). */
  oldestPendingSeconds: number
}

/**
 * Every pg-boss queue with its jobs not yet taken. Reads only pg-boss's fetch index (jobs before `active`),
 * so it costs the same however many finished jobs the table keeps.
 */
export async function jobQueueStats(db: Executor): Promise<QueueStats[]> {
  const res = (await db.execute(sql`
    select q.name as queue,
      coalesce(j.waiting, 0)::int as waiting,
      coalesce(j.deferred, 0)::int as deferred,
      coalesce(j.oldest_waiting, 0)::float8 as "oldestWaitingSeconds",
      coalesce(j.oldest_pending, 0)::float8 as "oldestPendingSeconds"
    from pgboss.queue q
    left join (
      select name,
        count(*) filter (where start_after <= now()) as waiting,
        count(*) filter (where start_after > now()) as deferred,
        extract(epoch from now() - min(start_after) filter (where start_after <= now())) as oldest_waiting,
        extract(epoch from now() - min(created_on)) as oldest_pending
      from pgboss.job
      where state < 'active'
      group by name
    ) j on j.name = q.name
    order by q.name
  `)) as unknown as { rows: QueueStats[] }
  return res.rows
}
