import type PgBoss from 'pg-boss'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/types'

/**
 * Puts back in the queue, at once, the jobs a crashed process left `active` (killed with `kill -9`, power
 * lost): pg-boss would retry them only once their expiry (`expire_in`, 15 minutes) has passed and its
 * maintenance (every 2 minutes) has seen it. They go through pg-boss's own timeout path, so each counts as a
 * retry and one that has used up its retries fails. Only for a database no other process can work on — the
 * embedded one, behind the data folder's lock: on PostgreSQL another worker may be running those jobs.
 * Returns how many jobs were put back.
 * @example if (database.kind === 'pglite') await retryOrphanedJobs(database, boss)
 */
export async function retryOrphanedJobs(database: Database, boss: PgBoss): Promise<number> {
  const aged = (await database.db.execute(
    sql`update pgboss.job set started_on = now() - expire_in - interval '1 second'
        where state = 'active' returning id`,
  )) as unknown as { rows: unknown[] }
  if (aged.rows.length > 0) await boss.expire()
  return aged.rows.length
}
