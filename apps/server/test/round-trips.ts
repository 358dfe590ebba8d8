import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'

/**
 * Counts the statements a piece of work sends to the database — each one a round trip to PostgreSQL
 * (BEGIN and COMMIT included), or a call into PGlite. Only statements sent from `fn`'s own asynchronous
 * context count: the job queue's polls and workers running meanwhile in the same process do not.
 * @example const { statements } = await roundTrips(() => org.sales.post('/api/v1/accounts', { name: 'A' }))
 */
export async function roundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  install()
  const statements: string[] = []
  const result = await calls.run(statements, fn)
  return { result, statements }
}

const calls = new AsyncLocalStorage<string[]>()
let installed = false

const textOf = (q: unknown): string =>
  typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? String(q))

/** Wraps a method so that each call made inside `roundTrips` is noted (the text, cut short). */
function counting<F extends (...a: any[]) => any>(original: F, text: (args: unknown[]) => string): F {
  return function (this: unknown, ...args: unknown[]) {
    calls.getStore()?.push(text(args).replace(/\s+/g, ' ').slice(0, 160))
    return original.apply(this, args)
  } as F
}

function install() {
  if (installed) return
  installed = true
  // PostgreSQL: every statement goes through pg.Client#query (pool.query and drizzle's transactions too).
  const client = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }
  client.query = counting(client.query, (a) => textOf(a[0]))
  // PGlite: queries and execs on the instance, and inside a transaction on the object it hands the
  // callback, plus the BEGIN and COMMIT (or ROLLBACK) it sends itself. The store is taken at the call:
  // PGlite runs queued work under a mutex, whose callbacks may run in another caller's context.
  const lite = PGlite.prototype as unknown as Record<string, (...a: any[]) => any>
  for (const m of ['query', 'exec'] as const) lite[m] = counting(lite[m]!, (a) => textOf(a[0]))
  const transaction = lite.transaction!
  lite.transaction = function (this: unknown, cb: (tx: Record<string, any>) => Promise<unknown>) {
    const store = calls.getStore()
    if (!store) return transaction.call(this, cb)
    store.push('BEGIN')
    const note = (m: string) => (tx: Record<string, any>) => {
      const original = tx[m] as (...a: unknown[]) => unknown
      tx[m] = (...a: unknown[]) => {
        store.push(textOf(a[0]).replace(/\s+/g, ' ').slice(0, 160))
        return original(...a)
      }
    }
    return transaction
      .call(this, (tx: Record<string, any>) => {
        for (const m of ['query', 'exec']) note(m)(tx)
        return cb(tx)
      })
      .finally(() => store.push('COMMIT/ROLLBACK'))
  }
}
