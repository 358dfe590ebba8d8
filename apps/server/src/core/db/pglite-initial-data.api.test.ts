import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { dbKind } from '../../../test/harness'
import { openPglite } from './pglite'

const names = async (db: Awaited<ReturnType<typeof openPglite>>) =>
  (
    (await db.db.execute(sql`select name from seeded order by name`)) as unknown as {
      rows: { name: string }[]
    }
  ).rows.map((r) => r.name)

// The tests' demo snapshots (apps/server/test/demo-snapshot.ts) rest on this: each file's database starts
// from one dump and is its own from then on.
describe.runIf(dbKind === 'pglite')('an embedded database started from a dump', () => {
  it('holds what the dumped one held, and what either writes afterwards stays its own', async () => {
    const first = await openPglite(undefined)
    await first.db.execute(sql`create table seeded (name text not null)`)
    await first.db.execute(sql`insert into seeded values ('dumped')`)
    const dump = await first.dumpDataDir!()

    const a = await openPglite(undefined, { initialData: dump })
    const b = await openPglite(undefined, { initialData: dump })
    try {
      expect(await names(a)).toEqual(['dumped'])
      await a.db.execute(sql`insert into seeded values ('only a')`)
      await first.db.execute(sql`insert into seeded values ('only first')`)
      expect(await names(a)).toEqual(['dumped', 'only a'])
      expect(await names(b)).toEqual(['dumped'])
      expect(await names(first)).toEqual(['dumped', 'only first'])
      // A database made from a dump is never saved as the empty template for new databases.
      expect(a.saveTemplate).toBeUndefined()
    } finally {
      await Promise.all([a.close(), b.close(), first.close()])
    }
  })
})
