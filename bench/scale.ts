// One database's scale run: generate the workspace, load the API with it, time the same reads in raw SQL,
// then time bulk loads of accounts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_ADMIN, type Sizes } from './generate'
import {
  fieldRawReads,
  timeCustomFieldIndex,
  type CustomFieldIndex,
  type CustomFieldResult,
  type Time,
} from './custom-field-timing'
import { describesPath, httpLoad, probe, signIn, startServer } from './http-timing'
import { timeImports, type ImportTimings } from './import-timing'
import { timeHealthRecompute, timeRuleLatency, type HealthRecompute, type RuleLatency } from './rule-timing'
import { connectPostgres } from './raw-sql'
import { explainReads, LIST, pgTool, READ_360, timeInProcess, timeWithPgbench, type Read } from './sql-timing'
import type { Load } from './stats'

import { connect, generate, label, thousands, type Target } from './workspace'

export type { Target }

export type Settings = {
  /** Seconds of each 50-client run. */
  seconds: number
  /** Seconds of each one-client run. */
  oneSeconds: number
  clients: number
  importRows: number
  /** Only the custom-field scenario (BENCH_ONLY=custom-field): the other timings are skipped. */
  customFieldOnly?: boolean
}

/** API and raw SQL figures for one read; `api` is null when the endpoint is not there. */
export type ReadTimings = { one: { api: Load | null; raw: Load }; many: { api: Load | null; raw: Load } }

export type ScaleResult = {
  kind: Target['kind']
  sizes: Sizes
  serverVersion: string
  generateSeconds: number
  /** Start to ready: the first start on the generated database (creates the job queue), then a restart. */
  firstStartMs: number
  startMs: number
  list: ReadTimings
  read360: ReadTimings
  /** Why the 360° endpoint was not timed, when it was not. */
  read360Missing: string | null
  importEndpoint: boolean
  imports: ImportTimings
  /** Rule trigger to action with the worker running. */
  ruleLatency: RuleLatency
  /** The nightly health recompute of every account, run through the jobs endpoint. */
  healthRecompute: HealthRecompute
  /** Adding a filterable custom field while writes run (PostgreSQL only), with its filtered list. */
  customField: CustomFieldResult | null
  /** Things that happened during the run and bear on the figures. */
  notes: string[]
  /** How the raw SQL was sent: 'pgbench', 'pg' or 'in process' (PGlite). */
  rawDriver: string
  plans: { list: string; timeline: string }
}

export const LIST_PATH = '/api/v1/accounts?industry=finance&sort=-updatedAt&limit=50'
const WARM_SECONDS = 2

type Log = (line: string) => void

type ApiTimings = {
  importEndpoint: boolean
  list1: Load
  list50: Load
  r1: Load | null
  r50: Load | null
  read360Missing: string | null
  ruleLatency: RuleLatency
  healthRecompute: HealthRecompute
  customField: CustomFieldIndex | null
}

/** Where the custom-field scenario writes its values (PostgreSQL only); `attempt` keeps field keys apart. */
type FieldScenario = { dbUrl: string; ws: string; attempt: number }

const customFieldLoads = (url: string, token: string, s: Settings, log: Log, f: FieldScenario) =>
  timeCustomFieldIndex(
    { url, token, dbUrl: f.dbUrl, ws: f.ws, ...s },
    log,
    f.attempt > 1 ? String(f.attempt) : '',
  )

/**
 * Autocannon on a running server: the list, then the 360° read over the rotating accounts; on PostgreSQL,
 * last (its writes add accounts), adding a filterable custom field while writes run.
 */
async function apiLoads(
  url: string,
  ids: string[],
  s: Settings,
  log: Log,
  field: FieldScenario | null,
): Promise<ApiTimings> {
  const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
  const importEndpoint = await describesPath(url, '/api/v1/imports')
  let i = 0
  const next360 = () => `/api/v1/accounts/${ids[i++ % ids.length]}/360`
  const load = (nextPath: () => string, connections: number, seconds: number) =>
    httpLoad({ url, token, nextPath, connections, seconds })
  const note = (what: string, l: Load) =>
    l.errorSample && log(`  ${what}: ${l.errors} failed, e.g. ${l.errorSample}`)
  await load(() => LIST_PATH, s.clients, WARM_SECONDS)
  const list1 = await load(() => LIST_PATH, 1, s.oneSeconds)
  const list50 = await load(() => LIST_PATH, s.clients, s.seconds)
  note('list, 1 client', list1)
  note(`list, ${s.clients} clients`, list50)
  log(`  list: 1 client p50 ${list1.p50.toFixed(2)} ms; ${s.clients} clients p95 ${list50.p95.toFixed(1)} ms`)
  const answer = await probe(url, token, next360())
  const read360Missing =
    answer.status === 404 && answer.body.includes('No route')
      ? 'endpoint not available'
      : answer.status !== 200
        ? `endpoint answered ${answer.status}: ${answer.body.slice(0, 200)}`
        : null
  const ruleLatency = await timeRuleLatency(url, token)
  log(
    `  rule trigger to action: p50 ${ruleLatency.p50.toFixed(0)} ms, p95 ${ruleLatency.p95.toFixed(0)} ms` +
      (ruleLatency.missing ? ` (${ruleLatency.missing} never acted)` : ''),
  )
  const healthRecompute = await timeHealthRecompute(url, token)
  log(
    `  health recompute: ${healthRecompute.accounts.toLocaleString('en')} accounts in ${(healthRecompute.ms / 1000).toFixed(1)} s`,
  )
  let r1: Load | null = null
  let r50: Load | null = null
  if (read360Missing) log(`  360: ${read360Missing}`)
  else {
    await load(next360, s.clients, WARM_SECONDS)
    r1 = await load(next360, 1, s.oneSeconds)
    r50 = await load(next360, s.clients, s.seconds)
    note('360, 1 client', r1)
    note(`360, ${s.clients} clients`, r50)
    log(`  360: 1 client p50 ${r1.p50.toFixed(2)} ms; ${s.clients} clients p95 ${r50.p95.toFixed(1)} ms`)
  }
  const customField = field && (await customFieldLoads(url, token, s, log, field))
  return { importEndpoint, list1, list50, r1, r50, read360Missing, ruleLatency, healthRecompute, customField }
}

const ATTEMPTS = 3

/**
 * The real server: its first start on the generated database, a restart, then the loads. When the server
 * stops while being measured (the machine is shared; something outside may stop it), the loads are
 * discarded and run again on a new start, at most ATTEMPTS times; `notes` says so.
 */
async function timeApi<X>(t: Target, log: Log, loads: (url: string, attempt: number) => Promise<X>) {
  log(`${label(t)}: timing the API`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-api-'))
  const options = t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url }
  const notes: string[] = []
  try {
    const first = startServer(options)
    const { ms: firstStartMs } = await first.ready
    await first.stop()
    for (let attempt = 1; ; attempt++) {
      const server = startServer(options)
      const { url, ms: startMs } = await server.ready
      let failure: unknown
      try {
        const timings = await loads(url, attempt)
        if (!server.lost()) return { firstStartMs, startMs, notes, ...timings }
      } catch (err) {
        failure = err
      } finally {
        await server.stop()
      }
      const lost = server.lost()
      if (!lost) throw failure
      const note = `${label(t)}: the server stopped during the API timings (${lost}); measured again`
      if (attempt === ATTEMPTS) throw new Error(`${note.replace('; measured again', '')} ${ATTEMPTS} times`)
      log(`  ${note}`)
      notes.push(note)
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * BENCH_ONLY=custom-field: the PostgreSQL workspace, then only the custom-field scenario and its list's raw
 * SQL (a few minutes instead of the whole run).
 */
export async function runCustomFieldAlone(t: Target & { kind: 'postgres' }, s: Settings, log: Log) {
  const { people, generateSeconds, serverVersion } = await generate(t, log)
  const ws = people.workspaceId
  const api = await timeApi(t, log, async (url, attempt) => {
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    return customFieldLoads(url, token, s, log, { dbUrl: t.url, ws, attempt })
  })
  const raw = await connectPostgres(t.url)
  const pgbench = pgTool('pgbench') !== null
  const pool = pgbench
    ? []
    : await Promise.all(Array.from({ length: s.clients }, () => connectPostgres(t.url)))
  try {
    const time: Time = (read, args, clients, seconds) =>
      pgbench
        ? timeWithPgbench(raw, t.url, read, ws, args, clients, seconds)
        : timeInProcess(pool.slice(0, clients), read, ws, args, seconds)
    log(`PostgreSQL: timing raw SQL (${pgbench ? 'pgbench' : 'pg'})`)
    const { firstStartMs, startMs, notes, ...cf } = api
    const customField = await fieldRawReads(raw, cf, time, s, log)
    return { sizes: t.sizes, serverVersion, generateSeconds, notes, customField, firstStartMs, startMs }
  } finally {
    await Promise.all(pool.map((c) => c.close()))
    await raw.close()
  }
}

export async function runScale(t: Target, s: Settings, log: Log): Promise<ScaleResult> {
  const { people, ids, generateSeconds, serverVersion } = await generate(t, log)
  const ws = people.workspaceId
  const field = t.kind === 'postgres' ? { dbUrl: t.url, ws } : null
  const api = await timeApi(t, log, (url, attempt) =>
    apiLoads(url, ids, s, log, field && { ...field, attempt }),
  )

  const pgbench = t.kind === 'postgres' && pgTool('pgbench') !== null
  const rawDriver = t.kind === 'pglite' ? 'in process' : pgbench ? 'pgbench' : 'pg'
  log(`${label(t)}: timing raw SQL (${rawDriver})`)
  const raw = await connect(t)
  const pool =
    t.kind === 'postgres' && !pgbench
      ? await Promise.all(Array.from({ length: s.clients }, () => connectPostgres(t.url)))
      : Array.from({ length: s.clients }, () => raw)
  try {
    const time = async (read: Read, args: string[], clients: number, seconds: number) =>
      t.kind === 'postgres' && pgbench
        ? timeWithPgbench(raw, t.url, read, ws, args, clients, seconds)
        : timeInProcess(pool.slice(0, clients), read, ws, args, seconds)
    await time(LIST, ['finance'], s.clients, WARM_SECONDS)
    const list1 = await time(LIST, ['finance'], 1, s.oneSeconds)
    const list50 = await time(LIST, ['finance'], s.clients, s.seconds)
    await time(READ_360, ids, s.clients, WARM_SECONDS)
    const r1 = await time(READ_360, ids, 1, s.oneSeconds)
    const r50 = await time(READ_360, ids, s.clients, s.seconds)
    log(`  list: 1 client p50 ${list1.p50.toFixed(2)} ms; 360: 1 client p50 ${r1.p50.toFixed(2)} ms`)
    const plans = await explainReads(raw, ws, ids[0]!)
    const customField = api.customField && (await fieldRawReads(raw, api.customField, time, s, log))

    log(`${label(t)}: timing bulk loads of ${thousands(s.importRows)} accounts`)
    const imports = await timeImports(
      raw,
      t.kind === 'postgres' ? t.url : null,
      people,
      s.importRows,
      t.sizes.accounts,
    )
    return {
      kind: t.kind,
      sizes: t.sizes,
      serverVersion,
      generateSeconds,
      firstStartMs: api.firstStartMs,
      startMs: api.startMs,
      list: { one: { api: api.list1, raw: list1 }, many: { api: api.list50, raw: list50 } },
      read360: { one: { api: api.r1, raw: r1 }, many: { api: api.r50, raw: r50 } },
      read360Missing: api.read360Missing,
      importEndpoint: api.importEndpoint,
      ruleLatency: api.ruleLatency,
      healthRecompute: api.healthRecompute,
      customField,
      notes: api.notes,
      imports,
      rawDriver,
      plans,
    }
  } finally {
    if (t.kind === 'postgres' && !pgbench) await Promise.all(pool.map((c) => c.close()))
    await raw.close()
  }
}
