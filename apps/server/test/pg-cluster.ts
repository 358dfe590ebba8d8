import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/** Finds the PostgreSQL server binaries (initdb, pg_ctl) on PATH or in Debian's versioned folders. */
export function findPgBin(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return path.dirname(onPath)
  const base = '/usr/lib/postgresql'
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return path.join(base, versions[0], 'bin')
  }
  return null
}

/** A port nobody listens on now, on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })

export type Cluster = {
  url: string
  /** Shuts the server down (fast), keeping its files: `start()` brings it back on the same port. */
  halt(): void
  start(): void
  stop(): void
}

/**
 * A throwaway PostgreSQL cluster on a free port, removed by stop(). PostgreSQL refuses to run as root,
 * so as root the cluster belongs to the `postgres` user and its commands run through runuser.
 */
export async function startCluster(): Promise<Cluster> {
  const bin = findPgBin()
  if (!bin) {
    throw new Error(
      'The API tests run on PostgreSQL too, and no PostgreSQL server binaries (initdb, pg_ctl) were found.\n' +
        'Install them (Debian/Ubuntu: `apt-get install -y postgresql`), or set DATABASE_URL to a server you own.',
    )
  }
  const asRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-pg-'))
  const data = path.join(dir, 'data')
  const run = pgRunner(bin)
  if (asRoot) execFileSync('chown', ['postgres', dir])
  fs.chmodSync(dir, 0o755)
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'])
  return serveCluster(run, dir, [
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
    '-c shared_buffers=256MB',
  ])
}

/**
 * Starts the PostgreSQL server of `dir`/data on a free local port with `settings` (`-c name=value` each),
 * and gives its URL and controls: `halt()` shuts it down keeping its files, `start()` brings it back,
 * `stop()` shuts it down (immediately) and removes `dir`.
 */
export async function serveCluster(
  run: ReturnType<typeof pgRunner>,
  dir: string,
  settings: string[],
): Promise<Cluster> {
  const data = path.join(dir, 'data')
  const port = await freePort()
  const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", ...settings].join(' ')
  const start = () => run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'])
  start()
  let stopped = false
  let running = true
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    halt() {
      if (!running) return
      running = false
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    start() {
      if (running) return
      start()
      running = true
    },
    stop() {
      if (stopped) return
      stopped = true
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        running = false
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * Runs a PostgreSQL program of `bin` to its end (as the `postgres` user when this process is root:
 * PostgreSQL refuses to run as root), its output kept out of the test's.
 */
export const pgRunner =
  (bin: string) =>
  (cmd: string, args: string[]): void => {
    const asRoot = process.getuid?.() === 0
    const full = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args]
    execFileSync(full[0] as string, full[1] as string[], { stdio: ['ignore', 'pipe', 'pipe'] })
  }

/** Runs SQL on the server's `postgres` database. */
export async function adminQuery(url: string, text: string, database = 'postgres') {
  const client = new pg.Client({ connectionString: `${url}/${database}` })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}
