import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'

type NoSchema = Record<string, never>
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>
/** Anything that runs queries: the database or an open transaction. Repositories take it first. */
export type Executor = Db | Tx

/** The raw-SQL adapter pg-boss calls (its `db` option). */
export type SqlAdapter = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>
}

export type DatabaseKind = 'pglite' | 'postgres'

/** The connections of the application's pool now (metrics). */
export type PoolStats = {
  /** Connections the pool may open. */
  max: number
  /** Connections open. */
  total: number
  /** Open and not in use. */
  idle: number
  /** Queries waiting for a connection (PostgreSQL only: PGlite does not tell). */
  waiting?: number
}

export interface Database {
  readonly kind: DatabaseKind
  readonly db: Db
  /**
   * What reports, dashboards' data and exports read through: on PostgreSQL with DATABASE_READ_URL, the
   * read replica while its lag is within OPENKAM_READ_MAX_LAG_SECONDS (else the primary); otherwise `db`.
   */
  readonly reads?: Db
  /** pg-boss connection: an adapter on PGlite, a connection string on PostgreSQL. */
  readonly boss: { db: SqlAdapter } | { connectionString: string }
  /** The pool's connections now: PostgreSQL's pg Pool; PGlite is one connection, busy inside a transaction. */
  poolStats(): PoolStats
  /** Runs a trivial query; throws when the database does not answer. */
  ping(): Promise<void>
  /**
   * `LISTEN` on a channel: `cb` gets the payload of every `pg_notify` committed on it, by this process or
   * (on PostgreSQL) any other. Returns the way to stop. Notifications can be missed across a reconnect,
   * so a listener is a shortcut beside a slower fallback, never the only way.
   */
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>
  /** Runs migrations under a lock so that several processes may start at once. */
  migrate(): Promise<void>
  /**
   * Embedded only, and only for a database created without a template: saves it as the template for the
   * next new database. The runtime calls it once the schema and the job queues exist (pglite-template.ts).
   */
  saveTemplate?(): Promise<void>
  /**
   * Embedded only: the whole data folder as a tar (after a checkpoint), for `RuntimeOptions.initialData` —
   * tests seed the demo workspace once per run and start each file's database from a copy.
   */
  dumpDataDir?(): Promise<Blob>
  close(): Promise<void>
}
