import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { dbKind, makeOrg, startTestApp, type TestEnv } from '../../../test/harness'
import { adminQuery } from '../../../test/pg-cluster'
import { runOpenkam } from '../../../test/openkam-process'
import { openDatabase } from './open'
import type { Db } from './types'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okb-'))
let env: TestEnv | undefined
afterAll(async () => {
  await env?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The openkam command, on the embedded database in `dataDir` or on PostgreSQL at `url`. */
const openkam = (where: { dataDir?: string; url?: string }, ...args: string[]) =>
  runOpenkam(args, {
    OPENKAM_DATA_DIR: where.dataDir ?? path.join(dir, 'unused'),
    DATABASE_URL: where.url ?? '',
  })

const rowsOf = async <T>(db: Db, q: string) =>
  ((await db.execute(sql.raw(q))) as unknown as { rows: T[] }).rows

/** Every table of the database (information_schema) with its row count and a hash of its rows' text. */
async function tableDigests(db: Db) {
  const tables = await rowsOf<{ s: string; t: string }>(
    db,
    `select table_schema as s, table_name as t from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1, 2`,
  )
  const out: Record<string, { rows: number; hash: string }> = {}
  for (const { s, t } of tables) {
    const q = `select count(*)::int as n, md5(coalesce(string_agg(md5(x::text), ',' order by md5(x::text)), '')) as h
      from "${s}"."${t}" x`
    const r = (await rowsOf<{ n: number; h: string }>(db, q))[0]!
    out[`${s}.${t}`] = { rows: r.n, hash: r.h }
  }
  return out
}

/** Data in many tables: a workspace from the template with people and a team, an account, a webhook with a secret. */
async function writeSomeData(e: TestEnv) {
  const org = await makeOrg(e)
  expect((await org.sales.post('/api/v1/accounts', { name: 'Backed Up Co' })).status).toBe(201)
  const hook = await org.admin.post('/api/v1/webhooks', {
    name: 'ERP',
    kind: 'webhook',
    url: 'https://erp.example.test/hooks',
    secret: 'backup-secret-value',
    events: ['account.*'],
  })
  expect(hook.status).toBe(201)
}

describe('openkam backup and restore, as processes', () => {
  it.runIf(dbKind === 'pglite')(
    'backs up the embedded database while the server runs and restores every table, row for row, into a new folder',
    async () => {
      const source = path.join(dir, 'data')
      const target = path.join(dir, 'restored')
      const file = path.join(dir, 'openkam.backup')
      // The API role: no background work changes tables between the comparison and the backup.
      env = await startTestApp({ role: 'api', env: { OPENKAM_DATA_DIR: source } })
      await writeSomeData(env)
      const before = await tableDigests(env.rt.database.db)
      const gzipLooking = path.join(dir, 'other.backup')
      fs.writeFileSync(gzipLooking, Buffer.from([0x1f, 0x8b, 8, 0]))
      const [backup, refused] = await Promise.all([
        openkam({ dataDir: source }, 'backup', file),
        // Restoring over the folder the server holds is refused, naming the holder, before the file is read.
        openkam({ dataDir: source }, 'restore', gzipLooking, '--force'),
      ])
      expect(backup.err).toBe('')
      expect(backup.code).toBe(0)
      expect(backup.out).toContain(`taken from the running server (process ${process.pid})`)
      expect(backup.out).toContain(`Not in the backup: the key ${path.join(source, 'secret.key')}`)
      expect(refused.code).toBe(1)
      expect(refused.err).toMatch(
        new RegExp(`OpenKAM process ${process.pid} .*is using the data folder ${source}\\. Stop it first`),
      )
      expect(await tableDigests(env.rt.database.db)).toEqual(before)

      const restored = await openkam({ dataDir: target }, 'restore', file)
      expect(restored.err).toBe('')
      expect(restored.code).toBe(0)
      expect(restored.out).toContain(`Restored ${file} into the embedded database in ${target}`)
      expect(restored.out).toContain("put the installation's key back")
      expect(fs.existsSync(path.join(source, 'secret.key'))).toBe(true)
      expect(fs.existsSync(path.join(target, 'secret.key'))).toBe(false)
      const copy = await openDatabase({ databaseUrl: undefined, dataDir: target })
      try {
        const after = await tableDigests(copy.db)
        expect(Object.keys(after).length).toBeGreaterThan(100)
        expect(after['public.accounts']!.rows).toBeGreaterThan(0)
        expect(after).toEqual(before)
      } finally {
        await copy.close()
      }
    },
    240_000,
  )

  it.runIf(dbKind === 'postgres')(
    'backs up PostgreSQL with pg_dump beside the running server and restores every table, row for row, into a new database',
    async () => {
      const file = path.join(dir, 'openkam.pgdump')
      env = await startTestApp({ role: 'api' })
      const url = env.config.databaseUrl!
      await writeSomeData(env)
      const before = await tableDigests(env.rt.database.db)
      const dumpLooking = path.join(dir, 'other.pgdump')
      fs.writeFileSync(dumpLooking, 'PGDMP')
      const [backup, refused] = await Promise.all([
        openkam({ url }, 'backup', file),
        // A database that holds tables is not restored into without --force, before the file is read.
        openkam({ url }, 'restore', dumpLooking),
      ])
      expect(backup.err).toBe('')
      expect(backup.code).toBe(0)
      expect(backup.out).toMatch(
        /^Backed up the PostgreSQL database \w+ to .* \(.* MB, pg_dump custom format\)\.\n$/,
      )
      expect(refused.code).toBe(3)
      expect(refused.err).toMatch(
        /^The database \w+ is not empty \(\d+ tables\): restore into a new, empty database/,
      )
      expect(await tableDigests(env.rt.database.db)).toEqual(before)

      const name = `restored_${process.pid}`
      await adminQuery(inject('pgUrl'), `create database ${name}`)
      const targetUrl = `${inject('pgUrl')}/${name}`
      const restored = await openkam({ url: targetUrl }, 'restore', file)
      expect(restored.err).toBe('')
      expect(restored.code).toBe(0)
      expect(restored.out).toMatch(
        /^Restored .* into the PostgreSQL database restored_\d+ \(\d+ tables\)\.\n$/,
      )
      const copy = await openDatabase({ databaseUrl: targetUrl, dataDir: 'memory://' })
      try {
        const after = await tableDigests(copy.db)
        expect(Object.keys(after).length).toBeGreaterThan(100)
        expect(after['public.accounts']!.rows).toBeGreaterThan(0)
        expect(after).toEqual(before)
      } finally {
        await copy.close()
      }
    },
    240_000,
  )
})
