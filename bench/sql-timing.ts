// The raw SQL floor: the same reads the API makes, sent straight to the database. On PostgreSQL the driver is
// pgbench (a C client, prepared statements), so the floor measures the database and not a JavaScript client;
// on PGlite, its own in-process `query`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findPgBin } from '../apps/server/test/pg-cluster'
import type { RawSql } from './raw-sql'
import { summarize, type Load } from './stats'

/** A read: statements run one after another, with `{ws}` (the workspace id) and `{arg}` in them. */
export type Read = { statements: string[] }

/**
 * `GET /api/v1/accounts?industry=finance&sort=-updatedAt&limit=50` as an administrator: the query
 * core/crud/collection.ts builds (workspace, not deleted, filters; the sort column — with `nulls last` only
 * when it is nullable — then id).
 */
export const LIST: Read = {
  statements: [
    `select * from accounts where workspace_id = {ws} and deleted_at is null and industry = {arg}
      order by updated_at desc, id desc limit 51`,
  ],
}

/** `GET /api/v1/accounts/:id` as an administrator: the row by id in the workspace, not deleted. */
export const GET_ONE: Read = {
  statements: [`select * from accounts where workspace_id = {ws} and id = {arg} and deleted_at is null`],
}

/** The timeline's sources as modules/account360 merges them: kind, entity, table, time, title, sub-kind. */
const timelineSources = [
  ['activity', 'activity', 'activities', 'occurred_at', 'subject', 'kind'],
  ['ticket', 'ticket', 'tickets', 'created_at', 'subject', 'status'],
  ['opportunity', 'opportunity', 'opportunities', 'created_at', 'name', 'status'],
  ['quote', 'quote', 'quotes', 'created_at', 'number', 'status'],
  ['order', 'order', 'orders', 'created_at', 'number', 'status'],
  ['contract', 'contract', 'contracts', 'created_at', 'number', 'status'],
  ['invoice', 'invoice', 'invoices', 'created_at', 'number', 'status'],
  ['payment', 'payment', 'payments', 'created_at', 'number', 'status'],
  ['marketing', 'marketing_touch', 'marketing_touches', 'occurred_at', 'title', 'kind'],
  ['task', 'task', 'tasks', 'created_at', 'title', 'status'],
] as const

/** The four queries of a 360° read: the account, its contacts, its merged timeline, its open opportunities. */
export const READ_360: Read = {
  statements: [
    `select * from accounts where workspace_id = {ws} and id = {arg} and deleted_at is null`,
    `select * from contacts where workspace_id = {ws} and account_id = {arg} and deleted_at is null
      order by name asc, id asc limit 501`,
    `select u.kind, u.at, u.title, u.ref_type, u.ref_id, u.subtype from (${timelineSources
      .map(
        ([kind, entity, table, at, title, subtype]) =>
          `(select '${kind}'::text as kind, ${at} as at, ${title}::text as title, '${entity}'::text as ref_type,
            id as ref_id, ${subtype}::text as subtype
          from ${table} where workspace_id = {ws} and account_id = {arg} and deleted_at is null)`,
      )
      .join(' union all ')}) u
      order by u.at desc, u.ref_id desc limit 51`,
    `select * from opportunities
      where workspace_id = {ws} and account_id = {arg} and deleted_at is null and status = 'open'
      order by updated_at desc, id desc limit 101`,
  ],
}

/** Parameterised text: {ws} → $1, {arg} → $2. */
const parameterised = (statement: string) => statement.replaceAll('{ws}', '$1').replaceAll('{arg}', '$2')

/**
 * In-process timing (PGlite, or PostgreSQL through `pg` when pgbench is missing): each connection runs the
 * read back to back for `seconds`, cycling through `args`. PGlite serves one query at a time, so there the
 * "connections" are one database and the calls queue.
 */
export async function timeInProcess(
  dbs: RawSql[],
  read: Read,
  ws: string,
  args: string[],
  seconds: number,
): Promise<Load> {
  const texts = read.statements.map(parameterised)
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  const deadline = started + seconds * 1000
  await Promise.all(
    dbs.map(async (db) => {
      while (performance.now() < deadline) {
        const arg = args[next++ % args.length]!
        const t0 = performance.now()
        for (const [i, text] of texts.entries()) await db.query(text, [ws, arg], `bench_${i}_${texts.length}`)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  return summarize(latencies, (performance.now() - started) / 1000)
}

/** A PostgreSQL client program (psql, pgbench) on PATH or beside the server binaries; null when missing. */
export function pgTool(name: string): string | null {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return onPath
  const bin = findPgBin()
  return bin && fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : null
}

/** pgbench accepts at most this many scripts, so rotating reads use at most this many arguments. */
export const MAX_ARGS = 128

/**
 * pgbench with `clients` connections and prepared statements for `seconds`; p50/p95 from its per-transaction
 * log. One client runs one script per argument, picked at random. Many clients would spend their time
 * preparing that many scripts on every connection, so they run one script that first picks the argument
 * from a table `bench_args` (`\gset`): one primary-key lookup more per read.
 */
export async function timeWithPgbench(
  db: RawSql,
  url: string,
  read: Read,
  ws: string,
  args: string[],
  clients: number,
  seconds: number,
): Promise<Load> {
  const pgbench = pgTool('pgbench')
  if (!pgbench) throw new Error('pgbench not found')
  const rotating = args.slice(0, MAX_ARGS)
  const lookup = clients > 1 && rotating.length > 1
  if (lookup) {
    await db.exec(
      'drop table if exists bench_args; create table bench_args (n int primary key, arg text not null)',
    )
    await db.query(
      'insert into bench_args select n::int, arg from unnest($1::text[]) with ordinality as a(arg, n)',
      [rotating],
    )
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-pgbench-'))
  const script = (name: string, arg: string, head = '') => {
    const file = path.join(dir, name)
    const body = read.statements.map((s) => `${s.replaceAll('{ws}', ':ws').replaceAll('{arg}', arg)};`)
    fs.writeFileSync(file, head + body.join('\n'))
    return file
  }
  const literal = (v: string) => `'${v.replaceAll("'", "''")}'`
  const scripts = lookup
    ? [
        script(
          'read.sql',
          ':arg',
          `\\set n random(1, ${rotating.length})\nselect arg from bench_args where n = :n \\gset\n`,
        ),
      ]
    : rotating.map((arg, i) => script(`read${i}.sql`, literal(arg)))
  try {
    return pgbenchLoad(url, scripts, { ws }, clients, seconds, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * pgbench with `clients` connections and prepared statements for `seconds`, running `scripts` (one picked at
 * random per transaction) with the variables `defines`; its per-transaction log, written in `dir`, gives
 * p50/p95. Throws with pgbench's message when a script fails.
 */
export function pgbenchLoad(
  url: string,
  scripts: string[],
  defines: Record<string, string>,
  clients: number,
  seconds: number,
  dir: string,
): Load {
  const pgbench = pgTool('pgbench')
  if (!pgbench) throw new Error('pgbench not found')
  const r = spawnSync(
    pgbench,
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, os.cpus().length)),
      '-T',
      String(seconds),
      ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      '-l',
      `--log-prefix=${path.join(dir, 'tx')}`,
      ...scripts.flatMap((f) => ['-f', f]),
      url,
    ],
    { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 },
  )
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr.slice(0, 2000)}`)
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1] ?? NaN)
  // Log lines: client_id transaction_no time_us script_no time_epoch time_us_part
  const latencies: number[] = []
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('tx.')))
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
      if (line) latencies.push(Number(line.split(' ')[2]) / 1000)
  const load = { ...summarize(latencies, seconds), rate: tps }
  // pgbench's own mean beside the log's: a log that disagrees (a raw read once came out at p50 0.00 ms) is
  // reported with pgbench's summary, for the run's log to show why.
  const average = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1] ?? NaN)
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length
  if (!(mean > average / 3 && mean < average * 3))
    console.warn(
      `  pgbench's log (${latencies.length} transactions, mean ${mean.toFixed(3)} ms, p50 ${load.p50} ms) ` +
        `disagrees with its latency average (${average} ms):\n${r.stdout.slice(-1500)}`,
    )
  return load
}

/** EXPLAIN (ANALYZE, BUFFERS) of the list and the timeline query, for the record in docs/performance.md. */
export async function explainReads(db: RawSql, ws: string, accountId: string) {
  const explain = async (statement: string, arg: string) =>
    (
      await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${parameterised(statement)}`, [
        ws,
        arg,
      ])
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n')
  return {
    list: await explain(LIST.statements[0]!, 'finance'),
    timeline: await explain(READ_360.statements[2]!, accountId),
  }
}
