// The raw SQL floor of a write: the statements the API sent for it (write-capture.ts), sent again straight to
// the database with new row ids each time — by pgbench on PostgreSQL, by PGlite's own `query` in process.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { RawSql } from './raw-sql'
import { pgbenchLoad } from './sql-timing'
import { summarize, type Load } from './stats'
import type { Captured, Statement } from './write-capture'

/** The parameter (0-based) an update guards on, `xmin = $k::xid` (the row version it read), or -1. */
const xminParam = (s: Statement) => Number(/\.xmin = \$(\d+)::xid/.exec(s.text)?.[1] ?? 0) - 1
/** Whether the statement reads the row version (its answer feeds the next statement's guard). */
const readsXmin = (s: Statement) => /\.xmin::text\b/.test(s.text)

const replaceAll = (v: string, subs: Map<string, string>) => {
  let out = v
  for (const [from, to] of subs) out = out.replaceAll(from, to)
  return out
}

/** One replay of `c` on `db` for the client writing `account`: new ids for the rows it makes. */
async function replay(db: RawSql, c: Captured, account: string | null) {
  const subs = new Map<string, string>(c.fresh.map((id) => [id, randomUUID()]))
  if (c.account && account) subs.set(c.account, account)
  let xmin: string | null = null
  for (const s of c.statements) {
    const values = s.values.map((v) => (v === null ? null : replaceAll(v, subs)))
    const k = xminParam(s)
    if (k >= 0) values[k] = xmin
    const rows = await db.query<{ xmin?: string }>(s.text, values, s.name ? `bench_${s.name}` : undefined)
    if (readsXmin(s)) xmin = rows[0]?.xmin ?? null
  }
}

/**
 * In process (PGlite, or PostgreSQL through `pg` when pgbench is missing): each connection replays `c` back
 * to back for `seconds`, client i writing accounts[i]. PGlite serves one query at a time, so there the
 * connections are one database and the calls queue.
 */
export async function replayInProcess(
  dbs: RawSql[],
  c: Captured,
  accounts: string[],
  seconds: number,
): Promise<Load> {
  const latencies: number[] = []
  const started = performance.now()
  const deadline = started + seconds * 1000
  await Promise.all(
    dbs.map(async (db, i) => {
      const account = accounts[i % accounts.length] ?? null
      while (performance.now() < deadline) {
        const t0 = performance.now()
        await replay(db, c, account)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  return summarize(latencies, (performance.now() - started) / 1000)
}

/** The types PostgreSQL gives a statement's parameters (e.g. 'uuid', 'jsonb'), from preparing it once. */
async function parameterTypes(db: RawSql, text: string): Promise<string[]> {
  await db.exec(`prepare bench_probe as ${text}`)
  try {
    const [r] = await db.query<{ types: string[] }>(
      `select parameter_types::text[] as types from pg_prepared_statements where name = 'bench_probe'`,
    )
    return r?.types ?? []
  } finally {
    await db.exec('deallocate bench_probe')
  }
}

/**
 * `c` as a pgbench script. Parameters stay parameters (pgbench variables, `-D`), except: the ids of the rows
 * the write makes, which become new ones made from a random number each time (a `replace` where they sit in
 * a json parameter); the account, which is the client's own (`bench_write_args`, one row per client, looked
 * up first — one primary-key read more — or, at one client, a variable); and the row version an update
 * guards on, which is what its read returned (`\gset`).
 */
export async function pgbenchScript(db: RawSql, c: Captured, clients: number) {
  const defines: Record<string, string> = {}
  const lines = ['\\set n random(1, 68719476735)']
  if (c.account && clients > 1)
    lines.push('select arg as aid from bench_write_args where n = :client_id \\gset')
  if (c.account && clients === 1) defines.aid = c.account
  const made = (j: number) =>
    `overlay('${c.fresh[j]}' placing lpad(to_hex(:n::bigint * 16 + ${j}), 12, '0') from 25)`
  for (const [i, s] of c.statements.entries()) {
    const types = await parameterTypes(db, s.text)
    const guard = xminParam(s)
    const expr = (k: number) => {
      const v = s.values[k]
      const type = types[k] ?? 'text'
      if (k === guard) return ':r_xmin'
      if (v === null || v === undefined) return `null::${type}`
      if (c.account && v === c.account) return ':aid'
      const j = c.fresh.indexOf(v)
      if (j >= 0) return `(${made(j)})::${type}`
      const name = `p${i}_${k}`
      defines[name] = v
      // The value's own ids and account, each swapped for this write's (in text, then cast back).
      const swaps: [string, string][] = [
        ...c.fresh.flatMap((id, j): [string, string][] => (v.includes(id) ? [[id, made(j)]] : [])),
        ...(c.account && v.includes(c.account) ? [[c.account, ':aid'] as [string, string]] : []),
      ]
      if (!swaps.length) return `:${name}`
      const swapped = swaps.reduce((e, [from, to]) => `replace(${e}, '${from}', ${to})`, `:${name}::text`)
      return `(${swapped})::${type}`
    }
    const text = s.text.replace(/\$(\d+)\b/g, (_, k: string) => expr(Number(k) - 1))
    lines.push(readsXmin(s) ? `${text}\n\\gset r_` : `${text};`)
  }
  return { script: `${lines.join('\n')}\n`, defines }
}

/** pgbench replaying `c` with `clients` connections for `seconds`, client i writing accounts[i]. */
export async function replayWithPgbench(
  db: RawSql,
  url: string,
  c: Captured,
  accounts: string[],
  clients: number,
  seconds: number,
): Promise<Load> {
  if (c.account && clients > 1) {
    await db.exec(
      'drop table if exists bench_write_args; create table bench_write_args (n int primary key, arg text not null)',
    )
    await db.query(
      'insert into bench_write_args select n::int - 1, arg from unnest($1::text[]) with ordinality as a(arg, n)',
      [accounts.slice(0, clients)],
    )
  }
  const { script, defines } = await pgbenchScript(db, c, clients)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-pgbench-write-'))
  try {
    const file = path.join(dir, 'write.sql')
    fs.writeFileSync(file, script)
    return pgbenchLoad(url, [file], defines, clients, seconds, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Removes what the replays wrote — their accounts (they all carry the captured name), outbox rows and jobs
 * (they carry the captured request ids) — and the jobs still queued for the API loads' events, so that later
 * timings (a server's worker among them) do not meet them; then vacuums those tables. The audit log is
 * append-only (a trigger refuses deletes), so the replays' audit entries stay.
 */
export async function forgetWrites(db: RawSql, ws: string, c: { create: Captured; update: Captured }) {
  const requests = [...c.create.requestIds, ...c.update.requestIds]
  const [created] = c.create.statements[0]?.values.filter((v) => v?.startsWith('Bench create')) ?? []
  await db.query(`delete from pgboss.job where data->>'requestId' = any($1::text[])`, [requests])
  await db.query(
    `delete from pgboss.job where state < 'active' and name like 'event.%' and data->>'entityType' = 'account'`,
  )
  await db.query('delete from outbox where request_id::text = any($1::text[])', [requests])
  if (created) await db.query('delete from accounts where workspace_id = $1 and name = $2', [ws, created])
  await db.exec('vacuum analyze accounts, outbox, pgboss.job')
}
