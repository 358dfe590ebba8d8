import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { dbKind } from '../../../test/harness'
import { migrationsFolder } from './paths'
import { openPglite } from './pglite'
import { templateFile } from './pglite-template'

const migrations = fs.readdirSync(migrationsFolder()).filter((f) => f.endsWith('.sql')).length
const applied = async (db: Awaited<ReturnType<typeof openPglite>>) => {
  const rows = (await db.db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'drizzle'`,
  )) as unknown as { rows: { n: number }[] }
  if (!rows.rows[0]!.n) return 0
  const done = (await db.db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  )) as unknown as {
    rows: { n: number }[]
  }
  return done.rows[0]!.n
}

afterEach(() => {
  delete process.env.OPENKAM_PGLITE_TEMPLATE
})

describe.runIf(dbKind === 'pglite')('the embedded database template', () => {
  it('is saved by a database made without one, and a new data folder starts from it already migrated', async () => {
    const first = await openPglite(undefined)
    await first.migrate()
    // Offered only when this database did not come from a template itself.
    await first.saveTemplate?.()
    await first.close()
    expect(fs.existsSync(templateFile())).toBe(true)

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-tpl-'))
    try {
      const db = await openPglite(path.join(dir, 'data'))
      expect(await applied(db)).toBe(migrations)
      await db.migrate()
      expect(await applied(db)).toBe(migrations)
      await db.close()
      // Reopened, the folder keeps its own data and is not replaced by the template.
      const again = await openPglite(path.join(dir, 'data'))
      await again.db.execute(sql`create table mine (a int)`)
      await again.close()
      const third = await openPglite(path.join(dir, 'data'))
      await third.db.execute(sql`select * from mine`)
      await third.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('can be turned off: the database is then created and migrated the ordinary way', async () => {
    vi.stubEnv('OPENKAM_PGLITE_TEMPLATE', 'off')
    try {
      const db = await openPglite(undefined)
      expect(await applied(db)).toBe(0)
      await db.migrate()
      expect(await applied(db)).toBe(migrations)
      await db.close()
    } finally {
      vi.unstubAllEnvs()
    }
  })
})
