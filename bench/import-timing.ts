// The floor for importing accounts: how fast the database itself takes account rows, by COPY and by
// INSERT … SELECT, into the populated workspace with all its indexes in place.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { industries } from '@openkam/contract'
import { newId } from '../apps/server/src/core/ids'
import { accountsInsert, type People } from './generate'
import type { PgliteRaw, RawSql } from './raw-sql'
import { pgTool } from './sql-timing'

const COLUMNS = [
  'id',
  'workspace_id',
  'created_at',
  'updated_at',
  'created_by',
  'owner_id',
  'name',
  'industry',
  'size_band',
  'tier',
  'region',
  'credit_code',
  'domain',
  'employees',
  'annual_spend',
]

const any = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!

/** `n` account rows as CSV in COLUMNS order; numbering starts after `offset` so codes and names stay unique. */
export function accountsCsv(p: People, n: number, offset: number): string {
  const now = new Date().toISOString()
  const lines: string[] = []
  for (let i = 1; i <= n; i++) {
    const k = offset + i
    lines.push(
      [
        newId(),
        p.workspaceId,
        now,
        now,
        p.adminId,
        any(p.ownerIds, k * 7),
        `Imported account ${k}`,
        any(industries, k * 3),
        any(['large', 'growth', 'small'], k),
        any(['strategic', 'growth', 'essential'], k * 5),
        any(['east', 'north', 'south', 'west', 'central'], k),
        `91${String(k % 1_000_000).padStart(6, '0')}${String(k).padStart(10, '0')}`,
        `acct${k}.example.cn`,
        String(10 + (k % 20_000)),
        ((k * 37) % 5_000_000).toFixed(2),
      ].join(','),
    )
  }
  return lines.join('\n') + '\n'
}

const copySql = (table: string, source: string) =>
  `copy ${table} (${COLUMNS.join(', ')}) from ${source} with (format csv)`

/** Seconds for psql's \copy of a CSV file into `table`; null when psql is not installed here. */
function copyWithPsql(url: string, table: string, file: string): number | null {
  const psql = pgTool('psql')
  if (!psql) return null
  const t0 = performance.now()
  const r = spawnSync(psql, [url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\${copySql(table, `'${file}'`)}`], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`)
  return (performance.now() - t0) / 1000
}

/** Seconds for COPY … FROM '/dev/blob' into `table` on the embedded database. */
async function copyPglite(db: PgliteRaw, table: string, csv: string): Promise<number> {
  const t0 = performance.now()
  await db.pglite.query(copySql(table, `'/dev/blob'`), [], { blob: new Blob([csv]) })
  return (performance.now() - t0) / 1000
}

/** Seconds for each way of loading `rows` accounts; a COPY is null when psql is missing. */
export type ImportTimings = { copyBare: number | null; copyIndexed: number | null; insertSelect: number }

/**
 * Loads `rows` new accounts three ways: COPY into an empty table shaped like accounts without its indexes
 * (the database's raw intake), COPY into the populated accounts table with every index, and the
 * generator's INSERT … SELECT into accounts. Numbering starts after `offset` to keep codes unique.
 */
export async function timeImports(
  db: RawSql | PgliteRaw,
  url: string | null,
  p: People,
  rows: number,
  offset: number,
): Promise<ImportTimings> {
  const csv = accountsCsv(p, rows, offset)
  const file = path.join(os.tmpdir(), `openkam-bench-${process.pid}.csv`)
  fs.writeFileSync(file, csv)
  const copy = (table: string) =>
    'pglite' in db ? copyPglite(db, table, csv) : url ? copyWithPsql(url, table, file) : null
  try {
    await db.exec('create table bench_copy (like accounts including defaults)')
    const copyBare = await copy('bench_copy')
    await db.exec('drop table bench_copy')
    const copyIndexed = await copy('accounts')
    const t0 = performance.now()
    await db.exec(accountsInsert(p.workspaceId, p, rows, offset + rows))
    return { copyBare, copyIndexed, insertSelect: (performance.now() - t0) / 1000 }
  } finally {
    fs.rmSync(file, { force: true })
  }
}
