import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../errors'

export type PgTool = 'pg_dump' | 'pg_restore'

/**
 * The path of PostgreSQL's pg_dump or pg_restore: in OPENKAM_PG_BIN when set, else on PATH, else in
 * Debian's versioned folders (/usr/lib/postgresql/<newest>/bin). Missing, it stops with how to get it.
 */
export function findPgTool(tool: PgTool, pgBin?: string): string {
  if (pgBin) {
    const p = path.join(pgBin, tool)
    if (fs.existsSync(p)) return p
    throw new AppError('unavailable', 'pg_tool_missing', `${tool} is not in OPENKAM_PG_BIN (${pgBin})`)
  }
  const onPath = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout?.trim()
  if (onPath) return onPath
  const base = '/usr/lib/postgresql'
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', tool)))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions[0]) return path.join(base, versions[0], 'bin', tool)
  throw new AppError(
    'unavailable',
    'pg_tool_missing',
    `${tool} was not found (OPENKAM_PG_BIN, PATH, /usr/lib/postgresql/*/bin). Install PostgreSQL's client ` +
      'tools in the version of your server or newer (Debian/Ubuntu: apt-get install postgresql-client), ' +
      `or set OPENKAM_PG_BIN to the folder holding ${tool}.`,
  )
}

/**
 * A libpq connection for the tools: the URL without its password, which goes in PGPASSWORD — a password
 * in the arguments would show in the process list.
 */
export function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl)
  const password = decodeURIComponent(u.password)
  u.password = ''
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env }
}

/** Runs a PostgreSQL tool; a non-zero exit fails with its own message (stderr). */
export function runPgTool(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new AppError(
              'internal',
              'pg_tool_failed',
              `${path.basename(bin)} failed (${signal ?? `exit ${code}`}): ${err.trim() || 'no message'}`,
            ),
          ),
    )
  })
}
