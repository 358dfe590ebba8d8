import pg from 'pg'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { markDatabaseConnectError } from './db-errors'
import { migrationsFolder } from './paths'
import { PgListener } from './pg-listener'
import { PreparingClient } from './prepared-client'
import { ReplicaLag, ReplicaRoutingPool, type ReplicaState } from './read-replica'
import type { Database, Db } from './types'

// Keep numeric (money) as strings and timestamps as Date; bigint counts as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

const MIGRATION_LOCK = 4_242_001

/** PostgreSQL's answers that mean "nothing was done; the same transaction may well succeed if run again". */
const RETRYABLE = new Set(['40P01', '40001']) // deadlock detected, serialization failure
const ATTEMPTS = 3

/**
 * Runs a transaction again (up to three times, after a short random pause) when PostgreSQL aborted it
 * for a deadlock or a serialization failure: the server rolled it back whole, so the request's work is
 * simply redone, instead of a 500 for a collision with background work on the same rows. A transaction
 * body must therefore keep side effects outside the database (e-mails, HTTP) out of it — which the
 * outbox already ensures. Nested transactions (savepoints) are not retried on their own.
 */
export function retryOnConflict(db: Db): Db {
  const run = db.transaction.bind(db) as (...a: unknown[]) => Promise<unknown>
  ;(db as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(...args)
      } catch (err) {
        const code =
          (err as { code?: string; cause?: { code?: string } }).code ??
          (err as { cause?: { code?: string } }).cause?.code
        if (!code || !RETRYABLE.has(code) || attempt >= ATTEMPTS) throw err
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt))
      }
    }
  }
  return db
}

export type PostgresOptions = {
  poolSize?: number
  /**
   * Name every parameterised statement (prepared-client.ts); off behind a pooler in transaction mode,
   * where a connection's named statements are not the next transaction's.
   */
  prepared?: boolean
  /** A direct connection to the primary (not through a pooler) for LISTEN and the migration lock. */
  directUrl?: string
  /** A streaming replica for reports and exports (`Database.reads`), with the lag it may have. */
  read?: { url: string; maxLagSeconds: number; log?: (state: ReplicaState) => void }
}

/** A pool whose failures to connect are marked as the database's (a 503 while it restarts: db-errors.ts). */
class DatabasePool extends pg.Pool {
  // pg-pool's overloads (callback or promise); its own query() connects through the callback form.
  override connect(...args: any[]): any {
    const cb = args[0] as ((err: Error | undefined, ...rest: unknown[]) => void) | undefined
    if (typeof cb === 'function')
      return super.connect((err, ...rest: unknown[]) =>
        cb(err ? (markDatabaseConnectError(err) as Error) : err, ...rest),
      )
    return super.connect().catch((err: unknown) => {
      throw markDatabaseConnectError(err)
    })
  }
}

/** Opens a pool on a PostgreSQL server (and, with `read`, one on its replica). */
export async function openPostgres(connectionString: string, opts: PostgresOptions = {}): Promise<Database> {
  const poolSize = opts.poolSize ?? 10
  const pool = new DatabasePool({
    connectionString,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    ...(opts.prepared === false ? {} : { Client: PreparingClient }),
  })
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message))
  const db = retryOnConflict(drizzle(pool) as unknown as Db)
  const replica = opts.read
    ? new DatabasePool({
        connectionString: opts.read.url,
        max: poolSize,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 3000,
        // Marks the reads on the replica, as pg_stat_activity shows them.
        application_name: 'openkam-read',
        ...(opts.prepared === false ? {} : { Client: PreparingClient }),
      })
    : undefined
  replica?.on('error', (err) => console.error('PostgreSQL read replica pool error:', err.message))
  const reads =
    replica && opts.read
      ? retryOnConflict(
          drizzle({
            client: new ReplicaRoutingPool(
              pool,
              replica,
              new ReplicaLag(pool, replica, { maxLagSeconds: opts.read.maxLagSeconds, log: opts.read.log }),
            ) as unknown as pg.Pool,
          }) as unknown as Db,
        )
      : db
  const direct = opts.directUrl ?? connectionString
  const listener = new PgListener(direct)
  let closed = false
  return {
    kind: 'postgres',
    db,
    reads,
    boss: { connectionString },
    poolStats: () => ({
      max: poolSize,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    async ping() {
      await pool.query('select 1')
    },
    listen: (channel, cb) => listener.listen(channel, cb),
    async migrate() {
      // A session's advisory lock needs a session: through a transaction pooler it would be left held.
      const client = new pg.Client({ connectionString: direct })
      await client.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
        await migrate(drizzle(client), { migrationsFolder: migrationsFolder() })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
        await client.end().catch(() => undefined)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await listener.close()
      await replica?.end()
      await pool.end()
    },
  }
}
