import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { AppError } from '../errors'

/** Who holds a data folder: written into the lock as soon as it is taken. */
export type LockOwner = { pid: number; host: string; since: string }

const OWNER_FILE = 'owner.json'

// proper-lockfile's lock is a directory it removes with rmdir; ours holds the owner file, so removing
// it (on release, or when proper-lockfile itself finds it stale) removes the file too.
const lockFs = {
  ...fs,
  rmdir: (p: string, cb: (err: NodeJS.ErrnoException | null) => void) =>
    fs.rm(p, { recursive: true, force: true }, cb),
}

export const lockPathOf = (dataDir: string) => path.join(dataDir, '..', `${path.basename(dataDir)}.lock`)

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(lockPath, OWNER_FILE), 'utf8')) as LockOwner
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : null
  } catch {
    return null
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Locks a data folder for this process, so a second process gets a clear error instead of a corrupt
 * database. The lock records its owner (pid, host): a lock whose owner is gone — the process was killed
 * with `kill -9`, the machine lost power — is taken over at once instead of after proper-lockfile's 15 s
 * staleness; while the owner runs, the error names it. A lock from another host (a shared folder) is
 * trusted until it goes stale, as its process cannot be checked from here.
 * @example const release = await lockDataDir('/var/lib/openkam')
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = lockPathOf(dataDir)
  const take = async () => {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      stale: 15_000,
      update: 5_000,
      fs: lockFs,
      onCompromised: (err) => {
        console.error(`The lock on ${dataDir} was lost (${err.message}); stopping to protect the data.`)
        process.exit(1)
      },
    })
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() }
    // proper-lockfile checks at each refresh (every 5 s) that the lock's mtime is still the one it set, and
    // declares the lock lost otherwise: writing the owner file changes the folder's mtime, so put it back.
    const { mtime } = fs.statSync(lockPath)
    fs.writeFileSync(path.join(lockPath, OWNER_FILE), JSON.stringify(owner))
    fs.utimesSync(lockPath, mtime, mtime)
    return release
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await take()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err
    }
    const owner = readOwner(lockPath)
    if (!owner && attempt < 5) {
      // Taken a moment ago: its owner is being written.
      await pause(50)
      continue
    }
    if (owner && owner.host === os.hostname() && !processAlive(owner.pid) && attempt < 6) {
      fs.rmSync(lockPath, { recursive: true, force: true })
      continue
    }
    const who = owner
      ? `OpenKAM process ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`} (running since ${owner.since})`
      : 'Another OpenKAM process'
    throw new AppError(
      'unavailable',
      'data_dir_locked',
      `${who} is using the data folder ${dataDir}. Stop it first, or set OPENKAM_DATA_DIR to another folder.`,
      owner ? { owner } : {},
    )
  }
}
