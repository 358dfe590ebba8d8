// The report engine at scale (issue 17): a grouped aggregate over every account of the workspace through
// POST /api/v1/reports/run, and the drill-down into one of its groups through POST /api/v1/reports/drill, at
// one client, each beside the same statement sent straight to the database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_ADMIN } from './generate'
import { signIn, startServer } from './http-timing'
import type { RawSql } from './raw-sql'
import { ms, type Cell, type Row } from './report'
import { p50p95 } from './rows'
import type { Read } from './sql-timing'
import { summarize, type Load } from './stats'
import { connect, label, type Target } from './workspace'

type Log = (line: string) => void

/** Accounts by tier: how many, their ARR and their mean health — the health board's first widget. */
export const REPORT_QUERY = {
  object: 'accounts',
  groupBy: [{ field: 'tier' }],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualSpend' }, { fn: 'avg', field: 'healthScore' }],
}

/**
 * The statement the engine compiles for REPORT_QUERY as an administrator (scope all): the workspace's live
 * accounts, grouped, the biggest group first.
 */
export const REPORT_AGGREGATE: Read = {
  statements: [
    `select (tier)::text as g0, count(*) as m0, sum((annual_spend)::numeric) as m1, avg((health_score)::numeric) as m2
      from accounts where workspace_id = {ws} and deleted_at is null
      group by 1 order by 2 desc nulls last, 1 asc limit 5001`,
  ],
}

/** The drill-down into REPORT_QUERY's largest group but one: the first page of its accounts. */
export const DRILL_QUERY = { ...REPORT_QUERY, group: { tier: 'strategic' }, limit: 50 }

/**
 * The statement the engine compiles for DRILL_QUERY as an administrator: the group's rows as a page of the
 * accounts list, newest created first (captured at the driver; `{arg}` is the tier).
 */
export const REPORT_DRILL: Read = {
  statements: [
    `select * from accounts where (workspace_id = {ws} and deleted_at is null) and id in (
        select id from accounts where workspace_id = {ws} and deleted_at is null and (tier)::text = {arg})
      order by created_at desc, id desc limit 51`,
  ],
}

/** One client posting a report query to `/api/v1/reports/<what>` back to back for `seconds`: every answer's own time. */
export async function timeReportRun(
  url: string,
  token: string,
  seconds: number,
  what: 'run' | 'drill' = 'run',
): Promise<Load> {
  const latencies: number[] = []
  let errors = 0
  let sample: string | undefined
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    const t0 = performance.now()
    const res = await fetch(`${url}/api/v1/reports/${what}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(what === 'run' ? REPORT_QUERY : DRILL_QUERY),
    })
    const body = await res.text()
    latencies.push(performance.now() - t0)
    if (res.status !== 200) {
      errors++
      sample ??= `${res.status} ${body.slice(0, 300)}`
    }
  }
  const load = summarize(latencies, (performance.now() - started) / 1000, errors)
  return sample ? { ...load, errorSample: sample } : load
}

/** The budget of the grouped aggregate over the whole scale workspace at one client (p95). */
export const AGGREGATE_BUDGET_MS = 300

export type ReportTiming = { api: Load; raw: Load; groups: number; drill: { api: Load; raw: Load } }

/** A raw statement back to back for `seconds` on one connection (`{ws}` → $1, `{arg}` → $2). */
export async function timeRawReport(
  raw: RawSql,
  read: Read,
  params: [string, ...string[]],
  seconds: number,
): Promise<Load> {
  const text = read.statements[0]!.replaceAll('{ws}', '$1').replaceAll('{arg}', '$2')
  const name = read === REPORT_DRILL ? 'bench_report_drill' : 'bench_report_aggregate'
  const latencies: number[] = []
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    const t0 = performance.now()
    await raw.query(text, params, name)
    latencies.push(performance.now() - t0)
  }
  return summarize(latencies, (performance.now() - started) / 1000)
}

/**
 * The report through the real server (warmed, then `seconds` at one client), then — the server stopped, as
 * PGlite allows one user of its folder — the same aggregate straight on the database.
 */
export async function timeReport(t: Target, seconds: number, log: Log): Promise<ReportTiming> {
  log(`${label(t)}: timing a grouped report over every account`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-report-'))
  const server = startServer(
    t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url },
  )
  let api: Load
  let drill: Load
  let groups = 0
  try {
    const { url } = await server.ready
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    const probe = await fetch(`${url}/api/v1/reports/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(REPORT_QUERY),
    })
    if (!probe.ok) throw new Error(`POST /api/v1/reports/run answered ${probe.status}: ${await probe.text()}`)
    groups = ((await probe.json()) as { rows: unknown[] }).rows.length
    await timeReportRun(url, token, 1)
    api = await timeReportRun(url, token, seconds)
    await timeReportRun(url, token, 1, 'drill')
    drill = await timeReportRun(url, token, seconds, 'drill')
  } finally {
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  const raw = await connect(t)
  try {
    const [{ id: ws } = { id: '' }] = await raw.query<{ id: string }>(
      'select workspace_id as id from users where email = $1',
      [BENCH_ADMIN.email],
    )
    await timeRawReport(raw, REPORT_AGGREGATE, [ws], 1)
    const rawLoad = await timeRawReport(raw, REPORT_AGGREGATE, [ws], seconds)
    const drillArgs: [string, string] = [ws, DRILL_QUERY.group.tier]
    await timeRawReport(raw, REPORT_DRILL, drillArgs, 1)
    const rawDrill = await timeRawReport(raw, REPORT_DRILL, drillArgs, seconds)
    log(
      `  report: API p50 ${ms(api.p50)}, p95 ${ms(api.p95)}; raw SQL p50 ${ms(rawLoad.p50)} (${groups} groups); ` +
        `drill-down: API p50 ${ms(drill.p50)}, raw SQL p50 ${ms(rawDrill.p50)}`,
    )
    return { api, raw: rawLoad, groups, drill: { api: drill, raw: rawDrill } }
  } finally {
    await raw.close()
  }
}

/** The report rows of the bench table: the API's aggregate beside raw SQL, and their ratio. */
export function reportRows(lite?: ReportTiming, pg?: ReportTiming): Row[] {
  const cell = (r: ReportTiming | undefined, f: (r: ReportTiming) => Cell) => (r ? f(r) : undefined)
  return [
    { section: 'Report engine (accounts by tier: count, ARR, mean health; 1 client)' },
    {
      what: 'POST /reports/run: p50 · p95',
      pglite: cell(lite, (r) => ({ value: p50p95(r.api), use: r.api.p95 / AGGREGATE_BUDGET_MS })),
      postgres: cell(pg, (r) => ({ value: p50p95(r.api), use: r.api.p95 / AGGREGATE_BUDGET_MS })),
      budget: `p95 < ${AGGREGATE_BUDGET_MS} ms`,
    },
    {
      what: 'same aggregate, raw SQL: p50 · p95',
      pglite: cell(lite, (r) => ({ value: p50p95(r.raw) })),
      postgres: cell(pg, (r) => ({ value: p50p95(r.raw) })),
    },
    {
      what: 'API ÷ raw SQL (p50)',
      pglite: cell(lite, (r) => ({ value: `${(r.api.p50 / r.raw.p50).toFixed(2)}×` })),
      postgres: cell(pg, (r) => ({ value: `${(r.api.p50 / r.raw.p50).toFixed(2)}×` })),
    },
    {
      what: `drill-down into tier "${DRILL_QUERY.group.tier}" (POST /reports/drill, first 50): p50 · p95`,
      pglite: cell(lite, (r) => ({ value: p50p95(r.drill.api) })),
      postgres: cell(pg, (r) => ({ value: p50p95(r.drill.api) })),
    },
    {
      what: 'same page, raw SQL: p50 · p95',
      pglite: cell(lite, (r) => ({ value: p50p95(r.drill.raw) })),
      postgres: cell(pg, (r) => ({ value: p50p95(r.drill.raw) })),
    },
    {
      what: 'drill-down API ÷ raw SQL (p50)',
      pglite: cell(lite, (r) => ({ value: `${(r.drill.api.p50 / r.drill.raw.p50).toFixed(2)}×` })),
      postgres: cell(pg, (r) => ({ value: `${(r.drill.api.p50 / r.drill.raw.p50).toFixed(2)}×` })),
    },
  ]
}
