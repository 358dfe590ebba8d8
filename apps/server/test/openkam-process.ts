// The `openkam` command as a child process, for the tests that run it for real (CLI commands, start, backup).
// It runs the server's bundle (dist/main.js, what `npm start` runs), built once per test run by
// ensureServerBundle() in the API projects' global setup: starting from the bundle takes about a second,
// from the sources through tsx four to ten on a loaded 2-core machine — and some files start it a dozen times.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import lockfile from 'proper-lockfile'

const serverRoot = fileURLToPath(new URL('..', import.meta.url))
export const OPENKAM_BUNDLE = path.join(serverRoot, 'dist', 'main.js')

export type OpenkamProcess = {
  /** What it printed so far: standard output, standard error, and both in the order they came. */
  out(): string
  err(): string
  all(): string
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): void
}

/** Starts `openkam <args>` with the test's environment plus `env` (log level warn unless given). */
export function startOpenkam(args: string[], env: Record<string, string | undefined> = {}): OpenkamProcess {
  const child = spawn(process.execPath, [OPENKAM_BUNDLE, ...args], {
    env: { ...process.env, OPENKAM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  let all = ''
  child.stdout.on('data', (d) => {
    out += d
    all += d
  })
  child.stderr.on('data', (d) => {
    err += d
    all += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { out: () => out, err: () => err, all: () => all, exited, kill: (s) => child.kill(s) }
}

/** Runs `openkam <args>` to its end: its exit code and output. */
export async function runOpenkam(args: string[], env: Record<string, string | undefined> = {}) {
  const p = startOpenkam(args, env)
  const code = await p.exited
  return { code, out: p.out(), err: p.err(), all: p.all() }
}

const newest = (dir: string): number => {
  let t = 0
  if (!fs.existsSync(dir)) return t
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

/** Bundles the server when dist/main.js is older than its sources (one build at a time across processes). */
export async function ensureServerBundle() {
  fs.mkdirSync(path.dirname(OPENKAM_BUNDLE), { recursive: true })
  const release = await lockfile.lock(path.dirname(OPENKAM_BUNDLE), {
    lockfilePath: path.join(path.dirname(OPENKAM_BUNDLE), '.build.lock'),
    retries: { retries: 120, minTimeout: 500, maxTimeout: 1000 },
  })
  try {
    const sources = Math.max(
      newest(path.join(serverRoot, 'src')),
      newest(path.join(serverRoot, '..', '..', 'packages', 'contract', 'src')),
    )
    if (fs.existsSync(OPENKAM_BUNDLE) && fs.statSync(OPENKAM_BUNDLE).mtimeMs >= sources) return
    const { buildServer } = (await import(
      pathToFileURL(path.join(serverRoot, 'scripts', 'build.js')).href
    )) as {
      buildServer(): Promise<void>
    }
    await buildServer()
  } finally {
    await release()
  }
}
