import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dbKind, testDatabaseUrl } from '../test/harness'
import { startOpenkam } from '../test/openkam-process'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

type Proc = { out: () => string; exited: Promise<number | null>; kill(signal: NodeJS.Signals): void }

function cli(args: string[], env: Record<string, string | undefined>): Proc {
  const p = startOpenkam(args, env)
  return { out: p.all, exited: p.exited, kill: p.kill }
}

const waitForOutput = async (p: Proc, re: RegExp, ms = 120_000) => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const m = re.exec(p.out())
    if (m) return m
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no ${re} in output:\n${p.out()}`)
}

const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-cli-'))
  dirs.push(d)
  return path.join(d, 'data')
}

describe('openkam start --demo', () => {
  it('prints the URL and demo sign-in, serves /readyz, and stops cleanly on SIGTERM', async () => {
    const url = await testDatabaseUrl()
    // At the default log level: the terminal shows the summary, not a JSON line per request.
    const p = cli(['start', '--demo'], {
      PORT: '0',
      OPENKAM_DATA_DIR: tmpDir(),
      DATABASE_URL: url ?? '',
      OPENKAM_LOG_LEVEL: 'info',
    })
    const [, base] = (await waitForOutput(p, /ready at (http:\/\/\S+)/)) as RegExpExecArray
    expect(p.out()).toMatch(/demo sign-in: admin@demo\.openkam\.local \/ openkam-demo/)
    expect(p.out()).toMatch(dbKind === 'postgres' ? /database: PostgreSQL/ : /database: embedded PGlite/)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.openkam.local', password: 'openkam-demo' }),
    })
    expect(login.status).toBe(200)
    const { token } = (await login.json()) as { token: string }
    const accounts = await fetch(`${base}/api/v1/accounts?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(((await accounts.json()) as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(10)
    expect(p.out()).not.toMatch(/^\{/m)
    expect(p.out()).not.toMatch(/Server listening|request completed/)
    p.kill('SIGTERM')
    expect(await p.exited).toBe(0)
    expect(p.out()).toMatch(/Stopped cleanly/)
  }, 180_000)
})

describe.runIf(dbKind === 'pglite')('the embedded data folder', () => {
  it('refuses a second process with a clear error and no damage', async () => {
    const dir = tmpDir()
    const first = cli(['start'], { PORT: '0', OPENKAM_DATA_DIR: dir, OPENKAM_LOG_LEVEL: 'debug' })
    const [, base] = (await waitForOutput(first, /ready at (http:\/\/\S+)/)) as RegExpExecArray
    // At debug, each request is a line of the log.
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    await waitForOutput(first, /"url":"\/healthz","statusCode":200,.*"msg":"request completed"/, 10_000)
    const second = cli(['migrate'], { OPENKAM_DATA_DIR: dir })
    expect(await second.exited).toBe(1)
    expect(second.out()).toMatch(/OpenKAM process \d+ \(running since .*\) is using the data folder/)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    first.kill('SIGINT')
    expect(await first.exited).toBe(0)
    const again = cli(['migrate'], { OPENKAM_DATA_DIR: dir })
    expect(await again.exited).toBe(0)
  }, 180_000)

  it('seeds the demo workspace once, in the language asked for', async () => {
    const dir = tmpDir()
    const first = cli(['seed', '--demo', '--lang', 'en'], { OPENKAM_DATA_DIR: dir })
    expect(await first.exited).toBe(0)
    expect(first.out()).toMatch(/Demo workspace created \(en\)/)
    const second = cli(['seed', '--demo'], { OPENKAM_DATA_DIR: dir })
    expect(await second.exited).toBe(0)
    expect(second.out()).toMatch(/exists already/)
    const usage = cli(['seed'], { OPENKAM_DATA_DIR: dir })
    expect(await usage.exited).toBe(1)
    expect(usage.out()).toMatch(/openkam seed --demo/)
  }, 180_000)

  it('refuses the worker command without PostgreSQL', async () => {
    const p = cli(['worker'], { OPENKAM_DATA_DIR: tmpDir(), DATABASE_URL: '' })
    expect(await p.exited).toBe(1)
    expect(p.out()).toMatch(/needs DATABASE_URL/)
  }, 30_000)

  it('stops on a malformed setting, naming it', async () => {
    const p = cli(['start'], { PORT: 'eighty', OPENKAM_DATA_DIR: tmpDir() })
    expect(await p.exited).toBe(1)
    expect(p.out()).toMatch(/PORT/)
  }, 30_000)
})
