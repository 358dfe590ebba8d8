// Adding a filterable custom field while writes run (PostgreSQL): a select field is defined (not filterable),
// every account gets a value in bulk SQL, then a steady write load runs before and during the index build
// that `filterable: true` starts (CREATE INDEX CONCURRENTLY in the custom_field_index job), and the list
// filtered by the new field is timed as the other list is.
import { httpLoad } from './http-timing'
import { connectPostgres, type RawSql } from './raw-sql'
import type { ReadTimings, Settings } from './scale'
import type { Read } from './sql-timing'
import type { Load } from './stats'
import { startWriteLoad } from './write-load'

/** The field's options; every account gets one of them at random (about a fifth each). */
export const OPTIONS = ['sap', 'oracle', 'kingdee', 'yonyou', 'other'] as const
/** The value the filtered list asks for. */
const LISTED = 'kingdee'
/** Clients of the write load, and how many accounts each one writes in turn. */
export const WRITE_CLIENTS = 4
const ACCOUNTS_PER_CLIENT = 50
/** The build is given this long before it counts as stuck. */
const BUILD_TIMEOUT_S = 180
const WARM_SECONDS = 2

export type CustomFieldIndex = {
  key: string
  /** The filtered list's path. */
  path: string
  /** Accounts given a value in bulk, and how long that took (update + vacuum analyze). */
  valued: number
  loadSeconds: number
  before: Load
  during: Load
  /** `filterable: true` answered → indexStatus seen ready (polled every 200 ms). */
  buildMs: number
  /** The job's own times from pg-boss: queued → started, started → completed. */
  job: { waitMs: number; runMs: number } | null
  status: string
  /** The most tuples pg_stat_progress_create_index showed through GET …/index, and the phases seen. */
  progress: { tuples: number; phases: string[] }
  index: { name: string; valid: boolean; bytes: number } | null
  /** Whether a count through the new index equals a count by scanning the table (null: not checked). */
  indexAgrees: boolean | null
  list1: Load
  listMany: Load
  plan: string
  /** The raw SQL of the filtered list, timed later with the other raw reads, and its EXPLAIN. */
  read: Read
  explain: string
}

/** The scenario with its list's raw SQL, and that SQL again with statistics on the expression (a what-if). */
export type CustomFieldResult = CustomFieldIndex & {
  list: ReadTimings
  withStats: { one: Load; plan: string }
}

export type Time = (read: Read, args: string[], clients: number, seconds: number) => Promise<Load>

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>

const caller =
  (url: string, token: string): Call =>
  async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }

const must = (what: string, r: { status: number; body: any }, status: number) => {
  if (r.status !== status)
    throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`)
  return r.body
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The list query core/crud/collection.ts builds for `?custom.<key>=v` with the default sort (-updatedAt). */
const listRead = (ws: string, key: string): Read => ({
  // The workspace also inline: the server's unnamed statements are planned with its value, so the partial
  // index's predicate (workspace_id = '…') holds; a prepared statement's generic plan could not prove it.
  statements: [
    `select * from accounts where workspace_id = {ws} and deleted_at is null and (custom ->> '${key}') = {arg}
      and workspace_id = '${ws}' order by updated_at desc, id desc limit 51`,
  ],
})

const explainText = async (raw: RawSql, explain: string) =>
  (await raw.query<{ 'QUERY PLAN': string }>(explain)).map((r) => r['QUERY PLAN']).join('\n')

/** Gives every account of the workspace a value of the field in one statement, then vacuums (as the generator). */
async function loadValues(raw: RawSql, ws: string, key: string) {
  const t0 = performance.now()
  const [r] = await raw.query<{ n: number }>(
    `with u as (
       update accounts set custom = custom || jsonb_build_object($2::text, ($3::text[])[1 + floor(random() * $4)::int])
        where workspace_id = $1 returning 1)
     select count(*)::int as n from u`,
    [ws, key, OPTIONS, OPTIONS.length],
  )
  await raw.exec('vacuum (analyze) accounts')
  return { valued: r!.n, loadSeconds: (performance.now() - t0) / 1000 }
}

/** The index job's own times from pg-boss (marked complete just after the handler has set the status). */
async function jobTimes(raw: RawSql, id: string) {
  for (let i = 0; i < 25; i++) {
    const [job] = await raw.query<{ wait: number; run: number }>(
      `select extract(epoch from started_on - created_on) * 1000 as wait,
              extract(epoch from completed_on - started_on) * 1000 as run
         from pgboss.job where name = 'job.custom_field_index' and data ->> 'id' = $1 and completed_on is not null
        order by created_on desc limit 1`,
      [id],
    )
    if (job) return { waitMs: Number(job.wait), runMs: Number(job.run) }
    await sleep(200)
  }
  return null
}

/** The index's validity and size, and whether it finds the rows a table scan finds (null: not used). */
async function checkIndex(raw: RawSql, ws: string, key: string, name: string) {
  const [ix] = await raw.query<{ valid: boolean; bytes: number }>(
    'select indisvalid as valid, pg_relation_size(indexrelid)::float8 as bytes from pg_index where indexrelid = to_regclass($1)',
    [name],
  )
  if (!ix) return { index: null, indexAgrees: null }
  const q = `select count(*)::int as n from accounts where workspace_id = '${ws}' and (custom ->> '${key}') = '${LISTED}'`
  const counted = async (settings: string) => {
    await raw.exec(`begin; ${settings}`)
    try {
      const plan = await explainText(raw, `explain ${q}`)
      const [r] = await raw.query<{ n: number }>(q)
      return { n: r!.n, plan }
    } finally {
      await raw.exec('rollback')
    }
  }
  const viaIndex = await counted('set local enable_seqscan = off')
  const scanned = await counted('set local enable_indexscan = off; set local enable_bitmapscan = off')
  return {
    index: { name, valid: ix.valid, bytes: Number(ix.bytes) },
    indexAgrees: viaIndex.plan.includes(name) ? viaIndex.n === scanned.n : null,
  }
}

/** PATCHes the field to filterable and polls its index until the build ends (or BUILD_TIMEOUT_S). */
async function buildIndex(call: Call, field: { id: string; version: number }) {
  const t0 = performance.now()
  const patched = must(
    'making the field filterable',
    await call('PATCH', `/api/v1/field-definitions/${field.id}`, {
      version: field.version,
      filterable: true,
    }),
    200,
  )
  let status = patched.indexStatus as string
  let name = ''
  const progress = { tuples: 0, phases: [] as string[] }
  while (status === 'building' && performance.now() - t0 < BUILD_TIMEOUT_S * 1000) {
    await sleep(200)
    const p = await call('GET', `/api/v1/field-definitions/${field.id}/index`)
    if (p.status !== 200) continue
    status = p.body.status
    name = p.body.index
    const phase = p.body.progress?.phase as string | undefined
    if (phase && !progress.phases.includes(phase)) progress.phases.push(phase)
    progress.tuples = Math.max(progress.tuples, Number(p.body.progress?.tuplesDone ?? 0))
  }
  return { buildMs: performance.now() - t0, name, progress }
}

/**
 * The scenario on a running server (PostgreSQL at `dbUrl`). `suffix` keeps keys apart when the API timings
 * run again on a new start.
 */
export async function timeCustomFieldIndex(
  opts: { url: string; token: string; dbUrl: string; ws: string } & Settings,
  log: (line: string) => void,
  suffix = '',
): Promise<CustomFieldIndex> {
  const { url, token, ws } = opts
  const call = caller(url, token)
  const key = `erp${suffix}`
  const created = must(
    'defining the field',
    await call('POST', '/api/v1/field-definitions', {
      object: 'accounts',
      key,
      label: 'ERP in use',
      type: 'select',
      filterable: false,
      options: OPTIONS.map((value) => ({ value, label: value.toUpperCase() })),
    }),
    201,
  )
  const raw = await connectPostgres(opts.dbUrl)
  try {
    const { valued, loadSeconds } = await loadValues(raw, ws, key)
    log(
      `  custom field: ${valued.toLocaleString('en')} accounts given a "${key}" value in ${loadSeconds.toFixed(1)} s`,
    )
    const accounts = await raw.query<{ id: string; version: number }>(
      'select id, version from accounts where workspace_id = $1 and deleted_at is null order by random() limit $2',
      [ws, WRITE_CLIENTS * ACCOUNTS_PER_CLIENT],
    )
    const writes = (seconds: number) =>
      startWriteLoad({
        url,
        token,
        accounts,
        clients: WRITE_CLIENTS,
        seconds,
        maxRequests: 100 * seconds * WRITE_CLIENTS,
        body: (i) => ({ custom: { [key]: OPTIONS[i % OPTIONS.length] } }),
      })
    const said = (l: Load) =>
      `p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, ${l.count} ok, ${l.errors} failed`
    await writes(WARM_SECONDS).done
    const before = await writes(opts.seconds).done
    log(`  writes before the build: ${said(before)}`)

    const load = writes(BUILD_TIMEOUT_S)
    await sleep(500) // the writes are under way when the build is asked for
    const { buildMs, name, progress } = await buildIndex(call, created)
    const during = await load.stop()
    const status = must(
      'reading the field',
      await call('GET', `/api/v1/field-definitions/${created.id}`),
      200,
    ).indexStatus as string
    log(`  index build: ${status} after ${(buildMs / 1000).toFixed(1)} s; writes during it: ${said(during)}`)
    const job = await jobTimes(raw, created.id)
    const checked = name ? await checkIndex(raw, ws, key, name) : { index: null, indexAgrees: null }

    const path = `/api/v1/accounts?custom.${key}=${LISTED}&limit=50`
    const list = (connections: number, seconds: number) =>
      httpLoad({ url, token, nextPath: () => path, connections, seconds })
    await list(opts.clients, WARM_SECONDS)
    const list1 = await list(1, opts.oneSeconds)
    const listMany = await list(opts.clients, opts.seconds)
    log(
      `  filtered list: 1 client p50 ${list1.p50.toFixed(2)} ms; ${opts.clients} clients p95 ${listMany.p95.toFixed(1)} ms`,
    )
    const read = listRead(ws, key)
    const explain = `explain (analyze, buffers) ${read.statements[0]!.replace('{ws}', `'${ws}'`).replace('{arg}', `'${LISTED}'`)}`
    return {
      key,
      path,
      valued,
      loadSeconds,
      before,
      during,
      buildMs,
      job,
      status,
      progress,
      ...checked,
      list1,
      listMany,
      plan: await explainText(raw, explain),
      read,
      explain,
    }
  } finally {
    await raw.close()
  }
}

/**
 * The filtered list's raw SQL, as the other reads'. Then a what-if at one client: the same with statistics on
 * the field's expression. The planner takes none from a partial index (PostgreSQL ignores partial indexes'
 * statistics), so it guesses 0.5% of the rows for any value, whatever ANALYZE does; an extended statistic on
 * the expression (PostgreSQL 14+) tells it. Last, the statistic and the field's index are dropped, so that
 * the import timings that follow load into the same indexes as in the runs before this scenario existed.
 */
export async function fieldRawReads(
  raw: RawSql,
  cf: CustomFieldIndex,
  time: Time,
  s: Settings,
  log: (line: string) => void,
): Promise<CustomFieldResult> {
  await time(cf.read, [LISTED], s.clients, WARM_SECONDS)
  const one = await time(cf.read, [LISTED], 1, s.oneSeconds)
  const many = await time(cf.read, [LISTED], s.clients, s.seconds)
  await raw.exec(
    `create statistics bench_custom_field on (custom ->> '${cf.key}') from accounts; analyze accounts`,
  )
  const withStats = {
    one: await time(cf.read, [LISTED], 1, s.oneSeconds),
    plan: await explainText(raw, cf.explain),
  }
  await raw.exec('drop statistics bench_custom_field')
  log(
    `  custom-field list: 1 client p50 ${one.p50.toFixed(2)} ms (with expression statistics ${withStats.one.p50.toFixed(2)} ms); ` +
      `${s.clients} clients p95 ${many.p95.toFixed(2)} ms`,
  )
  if (cf.index) await raw.exec(`drop index if exists "${cf.index.name}"`)
  return {
    ...cf,
    list: { one: { api: cf.list1, raw: one }, many: { api: cf.listMany, raw: many } },
    withStats,
  }
}
