import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lockDataDir, lockPathOf } from './data-dir-lock'

// Defect 4 of issue 22: within 15 s of a `kill -9`, a restart was refused with "Another OpenKAM process
// is using the data folder … Stop it first" although none was running.
const fixture = path.join(__dirname, '../../../test/fixtures/lock-holder.ts')
const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

async function holder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve())
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)))
  })
  return child
}

const tmpDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-lock-')), 'data')

describe('data folder lock', () => {
  it('names the live owner, then takes the lock over at once after the owner is killed with SIGKILL', async () => {
    const dir = tmpDir()
    fs.mkdirSync(dir, { recursive: true })
    const child = await holder(dir)
    const refusal = await lockDataDir(dir).catch((e: Error & { code?: string }) => e)
    expect(refusal).toMatchObject({ code: 'data_dir_locked' })
    expect((refusal as Error).message).toMatch(
      new RegExp(`^OpenKAM process ${child.pid} \\(running since .+\\) is using the data folder`),
    )
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    // The lock directory is still there; dated an hour ahead, proper-lockfile cannot find it stale by age
    // (15 s), so only the dead owner lets the lock be taken.
    expect(fs.existsSync(lockPathOf(dir))).toBe(true)
    const ahead = new Date(Date.now() + 3_600_000)
    fs.utimesSync(lockPathOf(dir), ahead, ahead)
    const release = await lockDataDir(dir)
    const owner = JSON.parse(fs.readFileSync(path.join(lockPathOf(dir), 'owner.json'), 'utf8'))
    expect(owner.pid).toBe(process.pid)
    await release()
    expect(fs.existsSync(lockPathOf(dir))).toBe(false)
  }, 30_000)

  it('trusts a fresh lock held from another machine (its process cannot be checked from here) and names that machine', async () => {
    const dir = tmpDir()
    fs.mkdirSync(dir, { recursive: true })
    const owner = { pid: 999_999_999, host: `not-${os.hostname()}`, since: '2026-01-02T03:04:05.000Z' }
    ownedLock(dir, owner)
    const refusal = await lockDataDir(dir).catch((e: Error & { code?: string }) => e)
    expect(refusal).toMatchObject({ code: 'data_dir_locked', extra: { owner } })
    expect((refusal as Error).message).toBe(
      `OpenKAM process 999999999 on not-${os.hostname()} (running since 2026-01-02T03:04:05.000Z) is using the data folder ${dir}. Stop it first, or set OPENKAM_DATA_DIR to another folder.`,
    )
    expect(JSON.parse(fs.readFileSync(path.join(lockPathOf(dir), 'owner.json'), 'utf8'))).toEqual(owner)
  })

  it('takes over a lock whose owner on this machine is no longer running, however fresh the lock', async () => {
    const dir = tmpDir()
    fs.mkdirSync(dir, { recursive: true })
    ownedLock(dir, { pid: deadPid(), host: os.hostname(), since: new Date().toISOString() })
    const release = await lockDataDir(dir)
    expect(JSON.parse(fs.readFileSync(path.join(lockPathOf(dir), 'owner.json'), 'utf8')).pid).toBe(
      process.pid,
    )
    await release()
  })

  it('refuses a fresh lock that names no owner (one being taken), without claiming a process id', async () => {
    const dir = tmpDir()
    fs.mkdirSync(dir, { recursive: true })
    ownedLock(dir, null)
    const refusal = await lockDataDir(dir).catch((e: Error & { code?: string }) => e)
    expect(refusal).toMatchObject({ code: 'data_dir_locked' })
    expect((refusal as Error).message).toBe(
      `Another OpenKAM process is using the data folder ${dir}. Stop it first, or set OPENKAM_DATA_DIR to another folder.`,
    )
    expect(fs.existsSync(lockPathOf(dir))).toBe(true)
  })
})

/** A lock directory as another process leaves it, dated an hour ahead so that it cannot be stale by age. */
function ownedLock(dir: string, owner: { pid: number; host: string; since: string } | null) {
  const lock = lockPathOf(dir)
  fs.mkdirSync(lock)
  if (owner) fs.writeFileSync(path.join(lock, 'owner.json'), JSON.stringify(owner))
  const ahead = new Date(Date.now() + 3_600_000)
  fs.utimesSync(lock, ahead, ahead)
}

/** The id of a process that ran here and has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid!
}
