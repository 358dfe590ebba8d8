// One database's scale run: generate the workspace, load the API with it, time the same reads in raw SQL,
// then time bulk loads of accounts.
import { BENCH_ADMIN, type Sizes } from './generate'
import {
  fieldRawReads,
  timeCustomFieldIndex,
  type CustomFieldIndex,
  type CustomFieldResult,
  type Time,
} from './custom-field-timing'
import { timeApi } from './api-server'
import { httpLoad, probe, signIn, type Server } from './http-timing'
import { profileApi } from './api-profile'
import type { CpuBreakdown } from './cpu-profile'
import { timeImports, type ImportTimings } from './import-timing'
import { timeApiImport, type ApiImport } from './api-import-timing'
import { rssSampler, type Rss } from './memory'
import { settleBackground } from './settle'
import { timeHealthRecompute, timeRuleLatency, type HealthRecompute, type RuleLatency } from './rule-timing'
import { connectPostgres } from './raw-sql'
import {
  explainReads,
  GET_ONE,
  LIST,
  pgTool,
  READ_360,
  timeInProcess,
  timeWithPgbench,
  type Read,
} from './sql-timing'
import type { Load } from './stats'
import { captureWrites } from './write-capture'
import { forgetWrites } from './write-replay'
import { apiWrites, rawWrites, type ApiWrites, type Writes } from './write-timing'

import { connect, generate, label, thousands, type Target } from './workspace'

export type { Target }

export type Settings = {
  /** Seconds of each 50-client run. */
  seconds: number
  /** Seconds of each one-client run. */
  oneSeconds: number
  clients: number
  /** Clients of the create load (the update load uses `clients`). */
  createClients: number
  /** Connections of the raw many-client write runs, at most (see WriteSettings). */
  rawWriteClients: number
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
  /** One account by id, rotating over the same accounts as the 360° read. */
  get: ReadTimings
  read360: ReadTimings
  /** Why the 360° endpoint was not timed, when it was not. */
  read360Missing: string | null
  imports: ImportTimings
  /** The same number of accounts imported through POST /api/v1/imports. */
  apiImport: ApiImport
  /** Create and update of an account, API beside the statements it sent. */
  writes: Writes
  /** The server process's resident set during the many-client loads. */
  rss: Rss | null
  /** The worker's backlog before the write timings, and the seconds it took to work off (null: not read). */
  backlogBeforeWrites: { waiting: number; seconds: number; drained: boolean } | null
  /** Where the server's CPU time went under the list, 360° and create loads (a profiled server of its own). */
  profile: CpuBreakdown[]
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
  list1: Load
  list50: Load
  get1: Load
  get50: Load
  r1: Load | null
  r50: Load | null
  read360Missing: string | null
  ruleLatency: RuleLatency
  healthRecompute: HealthRecompute
  customField: CustomFieldIndex | null
  writes: ApiWrites
  rss: Rss | null
  /** The worker's backlog before the writes, and how long it took to work off. */
  settled: Awaited<ReturnType<typeof settleBackground>>
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
 * Autocannon on a running server: the list, then the 360° read over the rotating accounts; on PostgreSQL
 * adding a filterable custom field while writes run; last (they add accounts and queue events), creates and
 * updates of accounts. The server's memory (`pid`) is sampled during the many-client loads.
 */
async function apiLoads(
  url: string,
  ids: string[],
  s: Settings,
  log: Log,
  field: FieldScenario | null,
  server: Server,
): Promise<ApiTimings> {
  const rss = rssSampler(server.pid, server.metricsUrl)
  const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
  let i = 0
  const next360 = () => `/api/v1/accounts/${ids[i++ % ids.length]}/360`
  const load = (nextPath: () => string, connections: number, seconds: number) =>
    httpLoad({ url, token, nextPath, connections, seconds })
  const note = (what: string, l: Load) =>
    l.errorSample && log(`  ${what}: ${l.errors} failed, e.g. ${l.errorSample}`)
  await load(() => LIST_PATH, s.clients, WARM_SECONDS)
  const list1 = await load(() => LIST_PATH, 1, s.oneSeconds)
  const list50 = await rss.during(() => load(() => LIST_PATH, s.clients, s.seconds))
  note('list, 1 client', list1)
  note(`list, ${s.clients} clients`, list50)
  log(`  list: 1 client p50 ${list1.p50.toFixed(2)} ms; ${s.clients} clients p95 ${list50.p95.toFixed(1)} ms`)
  let g = 0
  const nextGet = () => `/api/v1/accounts/${ids[g++ % ids.length]}`
  await load(nextGet, s.clients, WARM_SECONDS)
  const get1 = await load(nextGet, 1, s.oneSeconds)
  const get50 = await rss.during(() => load(nextGet, s.clients, s.seconds))
  note('get, 1 client', get1)
  note(`get, ${s.clients} clients`, get50)
  log(`  get: 1 client p50 ${get1.p50.toFixed(2)} ms; ${s.clients} clients p95 ${get50.p95.toFixed(1)} ms`)
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
    r50 = await rss.during(() => load(next360, s.clients, s.seconds))
    note('360, 1 client', r1)
    note(`360, ${s.clients} clients`, r50)
    log(`  360: 1 client p50 ${r1.p50.toFixed(2)} ms; ${s.clients} clients p95 ${r50.p95.toFixed(1)} ms`)
  }
  const customField = field && (await customFieldLoads(url, token, s, log, field))
  // The health recompute and the custom field's writes leave events and jobs for the worker in this
  // process: the writes are timed once they are worked off, not beside them.
  const settled = await settleBackground(server.metricsUrl())
  if (settled)
    log(
      `  background before the writes: ${settled.waiting.toLocaleString('en')} jobs waiting, ` +
        `${settled.drained ? 'worked off' : 'still not worked off'} in ${settled.seconds.toFixed(0)} s`,
    )
  const writes = await apiWrites(url, token, ids, s, log, rss.during)
  const memory = rss.result()
  if (memory) log(`  server memory during the ${s.clients}-client loads: peak ${memory.peak.toFixed(0)} MB`)
  return {
    list1,
    list50,
    get1,
    get50,
    r1,
    r50,
    read360Missing,
    ruleLatency,
    healthRecompute,
    customField,
    writes,
    rss: memory,
    settled,
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
  const api = await timeApi(t, log, (url, attempt, server) =>
    apiLoads(url, ids, s, log, field && { ...field, attempt }, server),
  )
  const profile = await profileApi(t, ids, LIST_PATH, s, log)
  const capture = await captureWrites(t, ids[0]!, log)

  const pgbench = t.kind === 'postgres' && pgTool('pgbench') !== null
  const rawDriver = t.kind === 'pglite' ? 'in process' : pgbench ? 'pgbench' : 'pg'
  log(`${label(t)}: timing raw SQL (${rawDriver})`)
  const raw = await connect(t)
  let rawPart
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
    await time(GET_ONE, ids, s.clients, WARM_SECONDS)
    const get1 = await time(GET_ONE, ids, 1, s.oneSeconds)
    const get50 = await time(GET_ONE, ids, s.clients, s.seconds)
    await time(READ_360, ids, s.clients, WARM_SECONDS)
    const r1 = await time(READ_360, ids, 1, s.oneSeconds)
    const r50 = await time(READ_360, ids, s.clients, s.seconds)
    log(
      `  list: 1 client p50 ${list1.p50.toFixed(2)} ms; get: 1 client p50 ${get1.p50.toFixed(2)} ms; ` +
        `360: 1 client p50 ${r1.p50.toFixed(2)} ms`,
    )
    const plans = await explainReads(raw, ws, ids[0]!)
    const customField = api.customField && (await fieldRawReads(raw, api.customField, time, s, log))
    const writes = await rawWrites(
      capture,
      api.writes,
      ids,
      s,
      { pgbench: pgbench && t.kind === 'postgres' ? { db: raw, url: t.url } : null, pool },
      log,
    )
    await forgetWrites(raw, ws, capture)

    rawPart = { list1, list50, get1, get50, r1, r50, plans, customField, writes }
  } finally {
    if (t.kind === 'postgres' && !pgbench) await Promise.all(pool.map((c) => c.close()))
    await raw.close()
  }
  const { list1, list50, get1, get50, r1, r50, plans, customField, writes } = rawPart
  // With the database closed (PGlite has one user); numbered after the bulk loads' rows below, so new.
  const apiImport = await timeApiImport(t, s.importRows, t.sizes.accounts + 2 * s.importRows, log)
  log(`${label(t)}: timing bulk loads of ${thousands(s.importRows)} accounts`)
  const bulk = await connect(t)
  const imports = await timeImports(
    bulk,
    t.kind === 'postgres' ? t.url : null,
    people,
    s.importRows,
    t.sizes.accounts,
  ).finally(() => bulk.close())
  return {
    kind: t.kind,
    sizes: t.sizes,
    serverVersion,
    generateSeconds,
    firstStartMs: api.firstStartMs,
    startMs: api.startMs,
    list: { one: { api: api.list1, raw: list1 }, many: { api: api.list50, raw: list50 } },
    get: { one: { api: api.get1, raw: get1 }, many: { api: api.get50, raw: get50 } },
    read360: { one: { api: api.r1, raw: r1 }, many: { api: api.r50, raw: r50 } },
    read360Missing: api.read360Missing,
    ruleLatency: api.ruleLatency,
    healthRecompute: api.healthRecompute,
    customField,
    notes: api.notes,
    imports,
    apiImport,
    writes,
    rss: api.rss,
    backlogBeforeWrites: api.settled,
    profile,
    rawDriver,
    plans,
  }
}
