import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Config } from '../config'
import { keyFromBase64 } from '../crypto/secret-box'
import { AppError } from '../errors'
import { backupKindOf, embeddedTarOf, tarWithout } from './backup-archive'
import { KEY_FILE, requestBackup } from './backup-socket'
import { lockDataDir } from './data-dir-lock'
import { findPgTool, pgConnection, runPgTool } from './pg-tools'
import { openPglite } from './pglite'

type Out = (line: string) => void
export type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'secretKey' | 'pgBin'>
export type RestoreOptions = { force?: boolean; keyFile?: string }

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || '(default)'

function embeddedDir(cfg: BackupConfig): string {
  if (cfg.dataDir === 'memory://')
    throw new AppError(
      'invalid',
      'usage',
      'OPENKAM_DATA_DIR is memory://: there is no data folder to back up',
    )
  return cfg.dataDir
}

/** Writes to `<file>.partial` and renames it once complete, so a failed backup leaves no file that looks whole. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>) {
  const tmp = `${file}.partial`
  try {
    await write(tmp)
    // The whole database: readable by its owner only, as the data folder's files are.
    fs.chmodSync(tmp, 0o600)
    fs.renameSync(tmp, file)
  } catch (err) {
    fs.rmSync(tmp, { force: true })
    throw err
  }
}

/**
 * The embedded database's backup: asked of the process that holds the data folder (the running server,
 * over the folder's socket), or — when none does — taken by opening the folder here. Either way a copy of
 * the folder at one instant between two statements, without the key file. Returns the serving process id.
 */
async function backupEmbedded(dataDir: string, tmp: string): Promise<number | null> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
    throw new AppError('not_found', 'no_database', `No embedded database in ${dataDir} (OPENKAM_DATA_DIR)`)
  for (let attempt = 0; ; attempt++) {
    const pid = await requestBackup(dataDir, tmp)
    if (pid !== null) return pid
    try {
      const database = await openPglite(dataDir)
      try {
        const tar = tarWithout(new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer()), [
          KEY_FILE,
        ])
        await pipeline(Readable.from([tar]), createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }))
        return null
      } finally {
        await database.close()
      }
    } catch (err) {
      // A server starting holds the folder a few seconds before it answers on the socket.
      if (!(err instanceof AppError && err.code === 'data_dir_locked') || attempt >= 10) throw err
      await pause(1000)
    }
  }
}

/** `openkam backup <file>`: the whole database in one file (docs/operations.md → Backup and restore). */
export async function backupCommand(cfg: BackupConfig, file: string, out: Out): Promise<void> {
  const target = path.resolve(file)
  if (!fs.existsSync(path.dirname(target)))
    throw new AppError('not_found', 'no_folder', `No folder ${path.dirname(target)} to write the backup in`)
  if (cfg.databaseUrl) {
    const bin = findPgTool('pg_dump', cfg.pgBin)
    const conn = pgConnection(cfg.databaseUrl)
    await writeAtomically(target, (tmp) =>
      runPgTool(bin, ['--format=custom', '--no-password', `--file=${tmp}`, `--dbname=${conn.url}`], conn.env),
    )
    out(
      `Backed up the PostgreSQL database ${dbName(cfg.databaseUrl)} to ${target} (${mb(fs.statSync(target).size)}, pg_dump custom format).`,
    )
    return
  }
  const dataDir = embeddedDir(cfg)
  let pid: number | null = null
  await writeAtomically(target, async (tmp) => {
    pid = await backupEmbedded(dataDir, tmp)
  })
  const from = pid ? `from the running server (process ${pid})` : 'with the server stopped'
  out(
    `Backed up the embedded database in ${dataDir} to ${target} (${mb(fs.statSync(target).size)}, taken ${from}).`,
  )
  if (!cfg.secretKey && fs.existsSync(path.join(dataDir, KEY_FILE)))
    out(
      `  Not in the backup: the key ${path.join(dataDir, KEY_FILE)} — keep a copy of it apart from the backup.`,
    )
}

function readBackup(file: string) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('not_found', 'no_backup', `No backup file ${file}`)
  const head = Buffer.alloc(8)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, head, 0, head.length, 0)
  } finally {
    fs.closeSync(fd)
  }
  const kind = backupKindOf(head)
  if (!kind)
    throw new AppError(
      'invalid',
      'not_a_backup',
      `${file} is not an OpenKAM backup (neither an embedded backup nor a pg_dump custom-format file)`,
    )
  return kind
}

/** The folder's entries that a restore replaces (the key file is the installation's, not the database's). */
const entriesOf = (dir: string) => fs.readdirSync(dir).filter((e) => e !== KEY_FILE)

async function restoreEmbedded(cfg: BackupConfig, file: string, opts: RestoreOptions, out: Out) {
  const dataDir = embeddedDir(cfg)
  const key = opts.keyFile ? readKeyFile(opts.keyFile) : undefined
  fs.mkdirSync(dataDir, { recursive: true })
  const release = await lockDataDir(dataDir)
  try {
    const present = entriesOf(dataDir)
    if (present.length && !opts.force)
      throw new AppError(
        'conflict',
        'data_dir_not_empty',
        `The data folder ${dataDir} is not empty (${present.length} entries): restore into a new folder ` +
          '(set OPENKAM_DATA_DIR), or add --force to replace the database in it',
      )
    let tar: Uint8Array
    try {
      tar = embeddedTarOf(fs.readFileSync(file))
    } catch (err) {
      throw new AppError(
        'invalid',
        'not_a_backup',
        `${file} is not an embedded backup: ${(err as Error).message}`,
      )
    }
    const clear = () => {
      for (const e of entriesOf(dataDir)) fs.rmSync(path.join(dataDir, e), { recursive: true, force: true })
    }
    clear()
    let tables = 0
    try {
      const client = new PGlite(dataDir, { loadDataDir: new Blob([tar as Uint8Array<ArrayBuffer>]) })
      await client.waitReady
      const r = await client.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
      )
      tables = r.rows[0]!.n
      await client.close()
    } catch (err) {
      clear()
      throw new AppError(
        'internal',
        'restore_failed',
        `${file} could not be restored: ${(err as Error).message}`,
      )
    }
    if (key) fs.writeFileSync(path.join(dataDir, KEY_FILE), key, { mode: 0o600 })
    out(`Restored ${file} into the embedded database in ${dataDir} (${tables} tables).`)
    if (!cfg.secretKey && !fs.existsSync(path.join(dataDir, KEY_FILE)))
      out(
        `  Before starting, put the installation's key back: copy its saved secret.key into ${dataDir} (mode 0600) ` +
          'or set OPENKAM_SECRET_KEY; without it the stored secrets (webhook, SMTP, SMS, finance) cannot be opened.',
      )
  } finally {
    await release()
  }
}

function readKeyFile(file: string): string {
  if (!fs.existsSync(file)) throw new AppError('not_found', 'no_key_file', `--key-file: no file ${file}`)
  const text = fs.readFileSync(file, 'utf8')
  try {
    keyFromBase64(text)
  } catch (err) {
    throw new AppError(
      'invalid',
      'bad_key_file',
      `--key-file: ${file} is not a key (${(err as Error).message})`,
    )
  }
  return text
}

async function restorePostgres(url: string, cfg: BackupConfig, file: string, opts: RestoreOptions, out: Out) {
  const client = new pg.Client({ connectionString: url })
  await client.connect().catch((err: Error) => {
    throw new AppError(
      'unavailable',
      'database_unreachable',
      `Cannot connect to DATABASE_URL: ${err.message}`,
    )
  })
  let tables: number
  const count = async () =>
    (
      await client.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
      )
    ).rows[0]!.n
  try {
    const present = await count()
    if (present && !opts.force)
      throw new AppError(
        'conflict',
        'database_not_empty',
        `The database ${dbName(url)} is not empty (${present} tables): restore into a new, empty database ` +
          '(createdb, then point DATABASE_URL at it), or add --force to replace what the backup holds',
      )
    const bin = findPgTool('pg_restore', cfg.pgBin)
    const conn = pgConnection(url)
    await runPgTool(
      bin,
      [
        '--no-password',
        '--no-owner',
        '--no-acl',
        '--exit-on-error',
        '--single-transaction',
        ...(opts.force ? ['--clean', '--if-exists'] : []),
        `--dbname=${conn.url}`,
        file,
      ],
      conn.env,
    )
    tables = await count()
  } finally {
    await client.end()
  }
  out(`Restored ${file} into the PostgreSQL database ${dbName(url)} (${tables} tables).`)
}

/**
 * `openkam restore <file>`: an embedded backup into OPENKAM_DATA_DIR (empty, or with --force; never while a
 * process holds it), a pg_dump file into DATABASE_URL's database (empty, or with --force).
 */
export async function restoreCommand(cfg: BackupConfig, file: string, opts: RestoreOptions, out: Out) {
  const source = path.resolve(file)
  const kind = readBackup(source)
  if (cfg.databaseUrl) {
    if (kind !== 'pg_dump')
      throw new AppError(
        'invalid',
        'wrong_backup_kind',
        `${source} is a backup of the embedded database: restore it without DATABASE_URL (into OPENKAM_DATA_DIR)`,
      )
    if (opts.keyFile)
      throw new AppError(
        'invalid',
        'usage',
        '--key-file is for the embedded database; with PostgreSQL set OPENKAM_SECRET_KEY',
      )
    return restorePostgres(cfg.databaseUrl, cfg, source, opts, out)
  }
  if (kind !== 'embedded')
    throw new AppError(
      'invalid',
      'wrong_backup_kind',
      `${source} is a PostgreSQL backup (pg_dump): restore it with DATABASE_URL set to an empty database`,
    )
  return restoreEmbedded(cfg, source, opts, out)
}
