import { spawn, type ChildProcess } from 'node:child_process'
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
    // The lock directory is still there and fresh (well within proper-lockfile's 15 s staleness).
    expect(fs.existsSync(lockPathOf(dir))).toBe(true)
    const started = Date.now()
    const release = await lockDataDir(dir)
    expect(Date.now() - started).toBeLessThan(2_000)
    const owner = JSON.parse(fs.readFileSync(path.join(lockPathOf(dir), 'owner.json'), 'utf8'))
    expect(owner.pid).toBe(process.pid)
    await release()
    expect(fs.existsSync(lockPathOf(dir))).toBe(false)
  }, 30_000)
})
