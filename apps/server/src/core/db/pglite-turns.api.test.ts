import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { dbKind } from '../../../test/harness'
import { openPglite } from './pglite'

/**
 * The embedded database runs on the server's own thread: a chain of statements (an import's aftermath,
 * thousands of event batches) must still let the event loop read requests between them. Without the turn
 * each statement takes, a timer — like a request arriving — waited for the whole chain (over a minute
 * after a 3k-account import).
 */
describe.runIf(dbKind === 'pglite')('the embedded database between statements', () => {
  it('lets timers and I/O run while a long chain of statements and transactions goes on', async () => {
    const database = await openPglite(undefined)
    try {
      const { db } = database
      let done = 0
      const chain = (async () => {
        for (let i = 0; i < 300; i++) {
          if (i % 2) await db.execute(sql`select ${i}::int`)
          else await db.transaction(async (tx) => void (await tx.execute(sql`select 1`)))
          done++
        }
      })()
      const seenAt = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0))
      await chain
      expect(done).toBe(300)
      // The timer fired early in the chain, not after it.
      expect(seenAt).toBeLessThan(300)
    } finally {
      await database.close()
    }
  })

  it('answers the job queue with nothing once closed, rather than a rejection nobody awaits', async () => {
    const database = await openPglite(undefined)
    if (!('db' in database.boss)) throw new Error('the embedded database gives pg-boss an adapter')
    const queue = database.boss.db
    expect((await queue.executeSql('select 1 as one', [])).rows).toEqual([{ one: 1 }])
    await database.close()
    await expect(queue.executeSql('select $1::int as one', [1])).resolves.toEqual({ rows: [] })
  })
})
