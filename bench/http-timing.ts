// The API under load: the real server in its own process, driven by autocannon.
import { spawn } from 'node:child_process'
import path from 'node:path'
import autocannon from 'autocannon'
import { summarize, type Load } from './stats'

const root = path.resolve(import.meta.dirname, '..')
const bin = path.join(root, 'apps/server/bin/openkam.js')
/** How long a stopping server may take (it waits up to 35 s for work in flight) before it is killed. */
const KILL_AFTER_MS = 60_000

export type Server = {
  /** The server process's id (e.g. to read its memory from /proc). */
  pid: number
  ready: Promise<{ url: string; ms: number }>
  stop(): Promise<void>
  /** Why the server stopped when the bench did not stop it (e.g. a signal from outside), else null. */
  lost(): string | null
  /** Its Prometheus endpoint, once printed (started with OPENKAM_METRICS_PORT), else null. */
  metricsUrl(): string | null
}

/** Starts `openkam start` on a free port; `ready` resolves with its URL and the time it took. */
export function startServer(opts: {
  dataDir: string
  demo?: boolean
  databaseUrl?: string
  env?: Record<string, string>
  /** More arguments of `openkam start`, e.g. ['--api-only']. */
  args?: string[]
  /** Node's own options, before the program (e.g. ['--cpu-prof']). */
  nodeArgs?: string[]
}): Server {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), bin, 'start', ...(opts.demo ? ['--demo'] : []), ...(opts.args ?? [])],
    {
      env: {
        ...process.env,
        PORT: '0',
        OPENKAM_DATA_DIR: opts.dataDir,
        OPENKAM_LOG_LEVEL: 'warn',
        DATABASE_URL: opts.databaseUrl ?? '',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  let exit: string | null = null
  let stopping = false
  const ready = new Promise<{ url: string; ms: number }>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d
      const m = /ready at (http:\/\/\S+)/.exec(out)
      if (m) resolve({ url: m[1]!, ms: performance.now() - started })
    })
    child.on('exit', (code, signal) => {
      exit = `exit ${signal ?? code}; its last output: ${out.trim().split('\n').slice(-3).join(' | ')}`
      reject(new Error(`server stopped (${exit})`))
    })
  })
  ready.catch(() => undefined)
  // A server whose event loop its embedded database keeps busy may not get to its SIGTERM handler for long:
  // after KILL_AFTER_MS it is killed.
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true
      if (exit) return resolve()
      const kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS)
      child.on('exit', () => {
        clearTimeout(kill)
        resolve()
      })
      child.kill('SIGTERM')
    })
  return {
    pid: child.pid!,
    ready,
    stop,
    lost: () => (stopping ? null : exit),
    metricsUrl: () => /metrics: (http:\/\/\S+)/.exec(out)?.[1] ?? null,
  }
}

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** GETs `urlPath` once: its status and body (an unknown route answers 404 "No route …"). */
export async function probe(url: string, token: string, urlPath: string) {
  const res = await fetch(`${url}${urlPath}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, body: await res.text() }
}

/**
 * `connections` clients send GET requests back to back for `seconds`; `nextPath` gives each request's path
 * (e.g. rotating account ids), or `request` describes another request (e.g. a POST with its body). Latencies
 * are every response's own time, so p95 is exact.
 */
export async function httpLoad(opts: {
  url: string
  token: string
  nextPath?: () => string
  request?: autocannon.Request
  connections: number
  seconds: number
}): Promise<Load> {
  const latencies: number[] = []
  let failed = 0
  let sample = ''
  const started = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        headers: { authorization: `Bearer ${opts.token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: opts.nextPath!() }),
            ...opts.request,
            onResponse: (status, body, context, headers) => {
              if (status >= 300 && !sample) sample = `${status} ${body.slice(0, 300)}`
              if (typeof opts.request?.onResponse === 'function')
                opts.request.onResponse(status, body, context, headers)
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms)
      else failed++
    })
  })
  // A request without an answer within autocannon's 10 s timeout counts as 10 s (a lower bound) in the
  // percentiles, so that timeouts do not flatter p95; autocannon counts timeouts among its errors.
  const seconds = (performance.now() - started) / 1000
  const answered = latencies.length
  for (let i = 0; i < result.timeouts; i++) latencies.push(10_000)
  const load = {
    ...summarize(latencies, seconds, failed + result.errors),
    rate: answered / seconds,
    count: answered,
  }
  if (result.timeouts) sample ||= `${result.timeouts} requests timed out (no answer within 10 s)`
  else if (result.errors) sample ||= `${result.errors} connection errors`
  return sample ? { ...load, errorSample: sample } : load
}
