import pg from 'pg'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { migrationsFolder } from './paths'
import type { Database, Db } from './types'

// Keep numeric (money) as strings and timestamps as Date; bigint counts as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

const MIGRATION_LOCK = 4_242_001

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: 30_000 })
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message))
  const db = drizzle(pool) as unknown as Db
  let closed = false
  return {
    kind: 'postgres',
    db,
    boss: { connectionString },
    async ping() {
      await pool.query('select 1')
    },
    async migrate() {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
        await migrate(drizzle(client), { migrationsFolder: migrationsFolder() })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
        client.release()
      }
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
