import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findPgBin, pgRunner, serveCluster } from './pg-cluster'

export type Standby = {
  /** The standby's server URL (no database), like Cluster.url. */
  url: string
  /** Shuts the standby down (fast), keeping its files: `start()` brings it back. */
  halt(): void
  start(): void
  /** Stops it and removes its files. */
  stop(): void
}

/**
 * A hot standby of a throwaway cluster (pg-cluster.ts), streaming from it: made by `pg_basebackup -R`,
 * which copies the primary and writes the connection it replicates from. PostgreSQL 15's defaults already
 * allow it (wal_level=replica, max_wal_senders=10) and `initdb --auth=trust` lets replication connect.
 */
export async function startStandby(primaryUrl: string): Promise<Standby> {
  const found = findPgBin()
  if (!found) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) found')
  // initdb on PATH may be a link to the versioned folder that also holds pg_basebackup.
  const bin = path.dirname(fs.realpathSync(path.join(found, 'initdb')))
  const asRoot = process.getuid?.() === 0
  const run = pgRunner(bin)
  const primary = new URL(primaryUrl)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-standby-'))
  const data = path.join(dir, 'data')
  if (asRoot) execFileSync('chown', ['postgres', dir])
  fs.chmodSync(dir, 0o755)
  run('pg_basebackup', [
    ...['-D', data, '-h', primary.hostname, '-p', primary.port, '-U', 'postgres'],
    ...['-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
  ])
  return serveCluster(run, dir, [
    '-c hot_standby=on',
    // A hot standby needs at least the primary's max_connections (pg-cluster.ts starts it with 300).
    '-c max_connections=300',
  ])
}
