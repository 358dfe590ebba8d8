import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './pg-cluster'

/** PgBouncer's binary (Debian's `pgbouncer` package), or null when it is not installed. */
export function findPgBouncer(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return onPath
  return fs.existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : null
}

export type PgBouncer = { url: string; stop(): void }

/**
 * A throwaway PgBouncer in transaction mode in front of a PostgreSQL server (a pg-cluster.ts URL):
 * its own configuration in a temporary folder, trust authentication for the `postgres` user, every
 * database passed through. It refuses to run as root, so as root it runs as `postgres`.
 */
export async function startPgBouncer(serverUrl: string): Promise<PgBouncer> {
  const bin = findPgBouncer()
  if (!bin) throw new Error('pgbouncer is not installed (Debian: apt-get install -y pgbouncer)')
  const server = new URL(serverUrl)
  const asRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-pgbouncer-'))
  const port = await freePort()
  fs.writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n')
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'admin_users = postgres',
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      `logfile = ${path.join(dir, 'log')}`,
      `pidfile = ${path.join(dir, 'pid')}`,
      '',
    ].join('\n'),
  )
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir])
  const args = ['-d', path.join(dir, 'pgbouncer.ini')]
  execFileSync(asRoot ? 'runuser' : bin, asRoot ? ['-u', 'postgres', '--', bin, ...args] : args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // -d returns once it has forked; it listens as soon as its pid file is written. The file can be
  // there and still empty for a moment: an empty read is Number('') = 0, and process.kill(0, …)
  // signals our own process group, which interrupts the whole test run (a likely cause of CI's exit 130).
  const pid = await readPid(path.join(dir, 'pid'))
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    stop() {
      try {
        process.kill(pid, 'SIGINT')
      } catch {
        // already gone
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The daemon's pid from its pid file, once the file holds one (never 0); throws after 5 s without it. */
async function readPid(file: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : ''
    if (/^[1-9]\d*$/.test(text)) return Number(text)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`pgbouncer wrote no pid to ${file} within 5 s`)
}
