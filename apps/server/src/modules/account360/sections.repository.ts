import { sql, type SQL } from 'drizzle-orm'
import type { Collection, ListQuery } from '../../core/crud/collection'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'

/** One list of an account's records: a collection and the list query that picks them. */
export type Section = { collection: Collection<any, any, any>; query: ListQuery }

/**
 * Several collection lists read in ONE statement
 * (`select (<list 1>) as s0, (<list 2>) as s1, …`), each list with the visibility, sort and limit
 * `Collection.list` gives it and shaped as it shapes it. Speed: the 360° read used to send a query per
 * section; each round trip cost the server more CPU (a socket write, a pool checkout, a result to parse,
 * a wake-up of the database) than the section itself. Sections the person may not read come back empty,
 * as the 360° answer shows them.
 */
export async function readSections<K extends string>(
  tx: Executor,
  ctx: Ctx,
  sections: Record<K, Section>,
): Promise<Record<K, any[]>> {
  const out = {} as Record<K, any[]>
  const parts: { key: K; sql: SQL; read(tx: Executor, value: unknown): Promise<{ data: unknown[] }> }[] = []
  const alone: Promise<void>[] = []
  for (const key of Object.keys(sections) as K[]) {
    const { collection, query } = sections[key]
    try {
      const q = collection.listAsJson(ctx, query)
      if (q) parts.push({ key, ...q })
      // A table whose columns cannot travel as json is read on its own.
      else alone.push(collection.list(tx, ctx, query).then((p) => void (out[key] = p.data)))
    } catch (err) {
      if (err instanceof AppError && err.kind === 'forbidden') out[key] = []
      else throw err
    }
  }
  const together = async () => {
    if (!parts.length) return
    const res = (await tx.execute(
      sql`select ${sql.join(
        parts.map((p, i) => sql`${p.sql} as ${sql.identifier(`s${i}`)}`),
        sql`, `,
      )}`,
    )) as unknown as { rows: Record<string, unknown>[] }
    const row = res.rows[0]!
    await Promise.all(
      parts.map(async (p, i) => {
        out[p.key] = (await p.read(tx, row[`s${i}`])).data
      }),
    )
  }
  await Promise.all([together(), ...alone])
  return out
}
