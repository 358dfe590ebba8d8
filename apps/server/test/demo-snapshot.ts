// The demo workspace seeded once per test run and per language, and copied into each test file's database
// (docs/decisions/0021-demo-seeded-once-per-run.md). Seeding takes 20–40 s on a loaded 2-core machine; a
// copy takes one or two. Each file still gets a database of its own: a new in-memory PGlite started from
// the dumped data folder, or a PostgreSQL database cloned from a seeded template database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import type { TestProject } from 'vitest/node'
import { loadConfig } from '../src/core/config'
import { startRuntime } from '../src/runtime'

export type DemoLang = 'zh-CN' | 'en'

declare module 'vitest' {
  export interface ProvidedContext {
    demoSnapshotDir: string
  }
}

/**
 * For a project's global set-up: a folder for this run's demo snapshots, removed at the end of the run.
 * Snapshots never outlive their run, so a change to the demo's code is always seen by the next run.
 */
export function provideDemoSnapshotDir(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-demo-snapshots-'))
  project.provide('demoSnapshotDir', dir)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The demo is generated relative to the day it is seeded (in China, UTC+8, and in UTC: "today's tasks",
 * "due tomorrow"). A snapshot is used only on the day it was made, in both; across midnight it is made again.
 */
export const sameDemoDay = (a: number, b: number) =>
  Math.floor(a / DAY) === Math.floor(b / DAY) &&
  Math.floor((a + 8 * HOUR) / DAY) === Math.floor((b + 8 * HOUR) / DAY)

/**
 * Runs `fn` holding a lock shared by the run's worker processes: a folder made atomically, holding the
 * holder's pid. Others wait while the holder lives — however long it seeds on a loaded machine (a lock that
 * expires by time would be taken from a holder whose event loop is busy seeding) — and take over the lock of
 * a holder that died.
 */
const withLock = async <T>(dir: string, name: string, fn: () => Promise<T>): Promise<T> => {
  const lock = path.join(dir, `${name}.lock`)
  for (;;) {
    try {
      fs.mkdirSync(lock)
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid))
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }))
    if (pid && !alive(pid)) {
      // Moved aside first, so that of two processes that saw the dead holder only one removes the lock.
      const aside = `${lock}.dead-${crypto.randomBytes(4).toString('hex')}`
      try {
        fs.renameSync(lock, aside)
        fs.rmSync(aside, { recursive: true, force: true })
      } catch {
        // Another waiter took it over first.
      }
      continue
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  try {
    return await fn()
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The seeded demo workspace in `lang` as a dumped PGlite data folder, for `startRuntime`'s `initialData`:
 * the first file of the run that asks seeds it (under a lock, so others wait instead of seeding too), the
 * rest read the file. It is dumped straight after seeding, before any event handler or job ran — a database
 * started from it does the demo's background work itself, as a restarted demo server would. Undefined when
 * the project has no snapshot folder (its global set-up does not provide one) or OPENKAM_TEST_DEMO_SNAPSHOT is
 * `off`: the caller seeds as before.
 */
export async function demoSnapshot(lang: DemoLang): Promise<Blob | undefined> {
  const dir = snapshotDir()
  if (!dir) return undefined
  const file = path.join(dir, `demo-${lang}.tar`)
  const madeAtFile = `${file}.made-at`
  await withLock(dir, `demo-${lang}`, async () => {
    const madeAt = fs.existsSync(madeAtFile) ? Number(fs.readFileSync(madeAtFile, 'utf8')) : NaN
    if (fs.existsSync(file) && sameDemoDay(madeAt, Date.now())) return
    const now = Date.now()
    const rt = await startRuntime(
      loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' }),
      {
        role: 'embedded',
        demo: true,
        lang,
        deferBackground: true,
      },
    )
    try {
      const dump = await rt.database.dumpDataDir!()
      const tmp = `${file}.${crypto.randomBytes(4).toString('hex')}`
      fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
      fs.renameSync(tmp, file)
      fs.writeFileSync(madeAtFile, String(now))
    } finally {
      await rt.stop()
    }
  })
  return new Blob([fs.readFileSync(file)])
}

/** OPENKAM_TEST_DEMO_SNAPSHOT=off: every file seeds its own demo, as before (to compare, or to rule it out). */
export const demoSnapshotsOn = () => process.env.OPENKAM_TEST_DEMO_SNAPSHOT !== 'off'

const snapshotDir = (): string | undefined => {
  if (!demoSnapshotsOn()) return undefined
  try {
    return inject('demoSnapshotDir') || undefined
  } catch {
    return undefined
  }
}

/** The PostgreSQL template database holding the seeded demo in `lang` (see `demoDatabase`). */
export const demoTemplateName = (lang: DemoLang) => `openkam_demo_${lang === 'en' ? 'en' : 'zh'}`
const DEMO_TEMPLATE_LOCK = 4_242_777

/**
 * A new PostgreSQL database `name` holding the seeded demo workspace in `lang`, cloned from a template
 * database that the first file of the run asking for it seeds from `template` (the migrated, empty one).
 * The run's files serialise on an advisory lock while a template is made and while they clone it (a
 * template must have no other session while it is copied). A template made on another day is made again.
 */
export async function demoDatabase(
  baseUrl: string,
  template: string,
  name: string,
  lang: DemoLang,
): Promise<void> {
  const demo = demoTemplateName(lang)
  // One lock per language: a file cloning the English demo does not wait for the Chinese one's seeding.
  const lock = DEMO_TEMPLATE_LOCK + (lang === 'en' ? 1 : 0)
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` })
  await admin.connect()
  try {
    await admin.query('select pg_advisory_lock($1)', [lock])
    const found = await admin.query<{ made: string | null }>(
      `select shobj_description(oid, 'pg_database') as made from pg_database where datname = $1`,
      [demo],
    )
    const madeAt = Number(found.rows[0]?.made)
    if (!found.rows.length || !sameDemoDay(madeAt, Date.now())) {
      const now = Date.now()
      await admin.query(`drop database if exists ${demo}`)
      const seeding = `${demo}_seeding`
      await admin.query(`drop database if exists ${seeding}`)
      await admin.query(`create database ${seeding} template ${template}`)
      const rt = await startRuntime(
        loadConfig({ OPENKAM_LOG_LEVEL: 'silent', DATABASE_URL: `${baseUrl}/${seeding}` }),
        { role: 'embedded', demo: true, lang, deferBackground: true },
      )
      await rt.stop()
      await admin.query(`alter database ${seeding} rename to ${demo}`)
      await admin.query(`comment on database ${demo} is '${now}'`)
    }
    await admin.query(`create database ${name} template ${demo}`)
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [lock]).catch(() => undefined)
    await admin.end()
  }
}
