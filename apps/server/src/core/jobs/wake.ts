import type PgBoss from 'pg-boss'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/types'

/** The channel a committed job announces its queue on. */
export const WAKE_CHANNEL = 'openkam_job'
const DDL_LOCK = 4_242_002

/**
 * A job is announced the moment its transaction commits: a trigger on pg-boss's job table sends its
 * queue's name with `pg_notify`, which PostgreSQL delivers only on commit (and once per queue per
 * transaction). A job due later (a retry, `startAfter`) is not announced; polling finds it.
 */
export async function installWakeTrigger(database: Database) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DDL_LOCK})`)
    await tx.execute(
      sql.raw(`create or replace function pgboss.openkam_announce_job() returns trigger language plpgsql as $$
begin
  if new.state = 'created' and new.start_after <= now() then
    perform pg_notify('${WAKE_CHANNEL}', new.name);
  end if;
  return null;
end $$`),
    )
    const found = (
      (await tx.execute(
        sql`select 1 as x from pg_trigger where tgname = 'openkam_announce_job' and tgrelid = 'pgboss.job'::regclass`,
      )) as unknown as { rows: unknown[] }
    ).rows[0]
    if (!found)
      await tx.execute(
        sql.raw(
          'create trigger openkam_announce_job after insert on pgboss.job for each row execute function pgboss.openkam_announce_job()',
        ),
      )
  })
}

/**
 * Wakes this process's worker of a queue when a job for it is committed — by this process or, on
 * PostgreSQL, any other — so a job starts at once instead of at the next poll, and the polls themselves
 * can be rare (an idle server used to spend a fifth of a core asking 42 empty queues twice a second).
 */
export async function wakeWorkersOnCommit(database: Database, boss: PgBoss, workers: Map<string, string>) {
  return database.listen(WAKE_CHANNEL, (queue) => {
    const id = workers.get(queue)
    if (id) boss.notifyWorker(id)
  })
}

/**
 * Called when a worker has handled what it fetched: a full batch means more are likely waiting, so the
 * worker fetches again at once. Without it pg-boss waits out the polling interval after every fetch that
 * no commit announced — a backlog (all queued before the worker got to it) drained at one batch per
 * interval, 12 events a second, which is what kept the soak's queues full minutes after the load.
 */
export function fetchAgainIfFull(boss: PgBoss, workerId: string | undefined, fetched: number, batch: number) {
  if (workerId && fetched >= batch) boss.notifyWorker(workerId)
}
