import PgBoss from 'pg-boss'
import type { Database } from '../db/types'

export type BossRole = 'api' | 'worker' | 'embedded'

/**
 * pg-boss on either database. API processes only send jobs (inside write transactions);
 * workers and the embedded process also run maintenance and schedules.
 */
export async function startBoss(database: Database, role: BossRole): Promise<PgBoss> {
  const background = role !== 'api'
  const boss = new PgBoss({
    ...database.boss,
    ...(database.kind === 'postgres' ? { max: 4 } : {}),
    schema: 'pgboss',
    migrate: true,
    supervise: background,
    schedule: background,
  })
  boss.on('error', (err) => console.error('job queue error:', err.message))
  await boss.start()
  return boss
}
