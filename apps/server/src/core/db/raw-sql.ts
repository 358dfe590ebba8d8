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

/** A pg-boss `db` adapter that runs inside the given transaction, so jobs commit or roll back with it. */
export function adapterFor(tx: Executor): SqlAdapter {
  return {
    async executeSql(text, values) {
      const res = (await tx.execute(toSql(text, values ?? []))) as unknown as { rows: any[] }
      return { rows: res.rows ?? [] }
    },
  }
}
