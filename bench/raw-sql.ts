// One way to run raw SQL on either database, so that the generator and the raw timings are the same code
// for PGlite and PostgreSQL.
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

export type Kind = 'pglite' | 'postgres'

export interface RawSql {
  readonly kind: Kind
  /** A parameterised query; `name` makes it a prepared statement on PostgreSQL. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>
  /** One or more statements without parameters. */
  exec(text: string): Promise<void>
  close(): Promise<void>
}

export async function connectPostgres(url: string): Promise<RawSql> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    kind: 'postgres',
    async query<T>(text: string, params: unknown[] = [], name?: string) {
      const res = await client.query(name ? { name, text, values: params } : { text, values: params })
      return res.rows as T[]
    },
    async exec(text) {
      await client.query(text)
    },
    close: () => client.end(),
  }
}

export type PgliteRaw = RawSql & { pglite: PGlite }

/**
 * Opens an embedded data folder directly. The server's lock is not taken, so the caller makes sure no
 * server has the folder open at the same time.
 */
export async function openPgliteRaw(dataDir: string): Promise<PgliteRaw> {
  const db = new PGlite(dataDir)
  await db.waitReady
  return {
    kind: 'pglite',
    pglite: db,
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows
    },
    async exec(text) {
      await db.exec(text)
    },
    close: () => db.close(),
  }
}
