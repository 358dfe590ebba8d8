import { sql, type SQL } from 'drizzle-orm'
import type { Executor, SqlAdapter } from './types'

/** Turns `text` with $1…$n placeholders and its values into a drizzle SQL object. */
export function toSql(text: string, values: readonly unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/)
  const chunks: SQL[] = []
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) chunks.push(sql.raw(part))
    } else {
      const v = values[Number(part) - 1]
      chunks.push(sql`${v === undefined ? null : v}`)
    }
  })
  return sql.join(chunks)
}

/**
 * A pg-boss `db` adapter that runs inside the given transaction, so jobs commit or roll back with it.
 * It sends pg-boss's SQL as is through the transaction's own client: pg-boss repeats placeholders
 * (`$5` used as text and as a timestamp) and expects one parameter per number, which drizzle's `sql`
 * cannot express (it would bind each occurrence separately, typed by its own use).
 */
export function adapterFor(tx: Executor): SqlAdapter {
  const client = (tx as unknown as { session?: { client?: RawClient } }).session?.client
  if (client && typeof client.query === 'function') {
    return {
      async executeSql(text, values) {
        const res = await client.query(text, values ?? [])
        return { rows: res.rows ?? [] }
      },
    }
  }
  return {
    async executeSql(text, values) {
      const res = (await tx.execute(toSql(text, values ?? []))) as unknown as { rows: any[] }
      return { rows: res.rows ?? [] }
    },
  }
}

/** The driver client under a drizzle session: a pg PoolClient/Pool or a PGlite (transaction). */
type RawClient = { query(text: string, values: unknown[]): Promise<{ rows?: any[] }> }
