import { sql } from 'drizzle-orm'
import type { Db } from '../db/types'

/**
 * Whether the process is stopping: workers finish the unit in hand and put the rest of their batch back
 * (`releaseJobs`) instead of starting it while the database is being closed under them.
 */
export class StopSignal {
  stopping = false
}

/**
 * Puts fetched jobs that were not started back in their queue as they were — `created`, with no start
 * time, so the next fetch does not count them as a retry — for this or another process to take at once.
 * Only jobs still `active` are touched (one that was failed or completed stays so). Returns how many. When
 * the database has already closed (a unit outlived the shutdown's grace period), nothing is released: the
 * jobs stay active and run again — at the next start (orphans.ts) or once their lease expires.
 */
export async function releaseJobs(db: Db, queue: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0
  try {
    const res = (await db.execute(
      sql`update pgboss.job set state = 'created', started_on = null
          where name = ${queue} and id = any(${`{${ids.join(',')}}`}::uuid[]) and state = 'active'
          returning id`,
    )) as unknown as { rows: unknown[] }
    return res.rows.length
  } catch {
    return 0
  }
}
