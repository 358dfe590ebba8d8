import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { serveBackups } from './backup-socket'
import { lockDataDir } from './data-dir-lock'
import { migrationsFolder } from './paths'
import { readTemplate, writeTemplate } from './pglite-template'
import type { Database, Db, SqlAdapter } from './types'

/**
 * Opens the embedded database. `dataDir` undefined means in memory (tests).
 * A folder is locked for this process: a second process gets a clear error instead of a corrupt database.
 * `initialData`: a data folder dumped by `dumpDataDir()` that a new database starts from (tests).
 */
export async function openPglite(
  dataDir: string | undefined,
  opts: { initialData?: Blob } = {},
): Promise<Database> {
  let release: (() => Promise<void>) | undefined
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true })
    release = await lockDataDir(dataDir)
  }
  // A new database starts from the migrated template when there is one (see pglite-template.ts).
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  const template = fresh ? (opts.initialData ?? readTemplate()) : undefined
  const client = new PGlite(dataDir ?? 'memory://', template ? { loadDataDir: template } : undefined)
  await client.waitReady
  const turns = takeTurnsWithIo(client)
  const db = drizzle(client) as unknown as Db
  let closed = false
  const adapter: SqlAdapter = {
    async executeSql(text, values) {
      // pg-boss records a finished job without awaiting it (its manager's `work`): a job that finished after
      // the database closed (it outlived a shutdown's grace period) rejected unhandled and crashed the
      // stopping process. Nothing is recorded: the job runs again at the next start, as one cut short does.
      if (closed) return { rows: [] }
      if (values && values.length > 0) return client.query(text, values as any[])
      const results = await client.exec(text)
      return { rows: results.at(-1)?.rows ?? [] }
    },
  }
  const dumpDataDir = async () => {
    // A checkpoint first, so that a database started from the dump has no write-ahead log to replay.
    await client.exec('checkpoint')
    return client.dumpDataDir('none')
  }
  // Whoever holds the folder answers `openkam backup` (backup-socket.ts; docs/operations.md).
  const stopServing = dataDir
    ? await serveBackups(dataDir, dumpDataDir).catch((err: Error) => {
        console.error(`Online backups of ${dataDir} are unavailable: ${err.message}`)
        return null
      })
    : null
  return {
    kind: 'pglite',
    db,
    boss: { db: adapter },
    poolStats: () => ({ max: 1, total: 1, idle: client.isInTransaction() ? 0 : 1 }),
    async ping() {
      await client.query('select 1')
    },
    async listen(channel, cb) {
      const stop = await client.listen(channel, cb)
      return async () => {
        if (!closed) await stop()
      }
    },
    async migrate() {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder() })
    },
    ...(fresh && !template ? { saveTemplate: () => writeTemplate(client) } : {}),
    dumpDataDir,
    async close() {
      if (closed) return
      closed = true
      await stopServing?.()
      await turns.settled()
      await client.close()
      if (release) await release()
    },
  }
}

/**
 * The embedded database runs its statements on this thread, and a statement's promise settles as a
 * microtask: work that chains statement after statement (the event handlers working off an import's
 * thousands of events, an import's validation) would never let the event loop reach its I/O phase, so no
 * request — not even a static file — was read until the whole chain ended (over a minute after a 3k-row
 * import). Each statement or transaction begun from outside a transaction first waits for the loop's next
 * turn (`setImmediate`, after I/O), so requests arriving meanwhile are read and queue for the database in
 * turn with the background work. Statements inside a transaction do not wait (they hold the database).
 */
function takeTurnsWithIo(client: PGlite): { settled(): Promise<void> } {
  // The turns not taken yet: closing waits for them, so a statement begun before the close still runs
  // (queued in PGlite ahead of it) rather than meeting a closed database after its turn.
  const waiting = new Set<Promise<void>>()
  const turn = () => {
    const t = new Promise<void>((resolve) => setImmediate(resolve))
    waiting.add(t)
    void t.then(() => waiting.delete(t))
    return t
  }
  // PGlite's own methods, looked up at each call rather than bound now: what wraps them later (the test
  // harness's statement counter, test/round-trips.ts) still sees every statement.
  const own = Object.getPrototypeOf(client) as PGlite
  Object.assign(client, {
    query: async (...args: Parameters<PGlite['query']>) => {
      await turn()
      return own.query.apply(client, args)
    },
    exec: async (...args: Parameters<PGlite['exec']>) => {
      await turn()
      return own.exec.apply(client, args)
    },
    transaction: async (...args: Parameters<PGlite['transaction']>) => {
      await turn()
      return own.transaction.apply(client, args)
    },
  })
  return {
    async settled() {
      while (waiting.size) await Promise.all([...waiting])
    },
  }
}
