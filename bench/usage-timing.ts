// Usage ingestion at volume: events a second through POST /api/v1/usage-events on the running server (several
// clients posting batches back to back), beside COPY's own rate into the same usage_events table on the same
// database server, and how long after the last answer the derived usage metrics are current.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { newId } from '../apps/server/src/core/ids'
import { BENCH_ADMIN } from './generate'
import { signIn, startServer } from './http-timing'
import { connectPostgres, type RawSql } from './raw-sql'
import { pgTool } from './sql-timing'
import { summarize, type Load } from './stats'

export type UsageSettings = { clients: number; batch: number; seconds: number; copyRows: number }

export type UsageIngestion = UsageSettings & {
  accounts: number
  /** Batches answered 202, their latencies, and events a second (accepted events ÷ seconds). */
  api: Load & { events: number; eventRate: number }
  /** The same batches posted again: all answered as duplicates, none stored twice. */
  replay: { received: number; duplicates: number; stored: number }
  /** Last answer → no account waiting for its refresh (the derived usage metrics current); null if not seen in 60 s. */
  derivedMs: number | null
  /** COPY … FROM STDIN (psql's \copy) of `copyRows` events into usage_events; null when psql is missing. */
  copy: { rows: number; seconds: number; rate: number } | null
}

const TYPES = ['login', 'feature_used', 'feature_used', 'session', 'api_call']
const FEATURES = ['reports', 'dashboards', 'exports', 'alerts', 'api', 'mobile', 'workflows', 'search']
const DAY = 86_400_000

/** The i-th synthetic event: a random account, a type, a user, a feature when feature_used, in the last 30 days. */
function event(accounts: string[], tag: string, i: number, now: number) {
  const type = TYPES[i % TYPES.length]!
  return {
    accountId: accounts[Math.floor(Math.random() * accounts.length)]!,
    type,
    actor: `user${i % 97}`,
    ...(type === 'feature_used' ? { feature: FEATURES[i % FEATURES.length] } : {}),
    at: new Date(now - Math.floor(Math.random() * 30 * DAY)).toISOString(),
    eventId: `${tag}-${i}`,
  }
}

async function post(url: string, token: string, body: string) {
  const res = await fetch(`${url}/api/v1/usage-events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  })
  return { status: res.status, text: await res.text() }
}

/**
 * Accounts still waiting for their derived metrics (health_refresh_pending) plus refresh jobs running: 0 when
 * the derived usage metrics and scores of every account touched are current.
 */
async function pendingRefresh(db: RawSql, ws: string) {
  const [r] = await db.query<{ n: string }>(
    `select (select count(*) from health_refresh_pending where workspace_id = $1)
      + (select count(*) from pgboss.job
          where name in ('job.health_pending_refresh', 'job.health_accounts_recompute') and state = 'active') as n`,
    [ws],
  )
  return Number(r?.n ?? 0)
}

/** COPY … FROM STDIN of `n` events (CSV through psql's \copy) into usage_events: the database's own intake. */
function copyEvents(dbUrl: string, ws: string, accounts: string[], n: number) {
  const psql = pgTool('psql')
  if (!psql) return null
  const now = Date.now()
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const e = event(accounts, 'copy', i, now)
    lines.push(
      [
        newId(),
        ws,
        e.accountId,
        e.type,
        e.actor,
        e.feature ?? '',
        e.at,
        e.eventId,
        new Date(now).toISOString(),
      ].join(','),
    )
  }
  const file = path.join(os.tmpdir(), `openkam-usage-${process.pid}.csv`)
  fs.writeFileSync(file, lines.join('\n') + '\n')
  try {
    const copy =
      '\\copy usage_events (id, workspace_id, account_id, type, actor, feature, at, event_id, received_at) ' +
      `from '${file}' with (format csv)`
    const t0 = performance.now()
    const r = spawnSync(psql, [dbUrl, '-v', 'ON_ERROR_STOP=1', '-qc', copy], { encoding: 'utf8' })
    const seconds = (performance.now() - t0) / 1000
    if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`)
    return { rows: n, seconds, rate: n / seconds }
  } finally {
    fs.rmSync(file, { force: true })
  }
}

/**
 * `clients` clients post batches of `batch` new events back to back for `seconds` (after one warm-up batch
 * each); then the first batches once more (all duplicates); then the wait until the derived metrics are
 * current; then COPY of `copyRows` events into the same table.
 */
export async function timeUsageIngestion(
  o: UsageSettings & {
    url: string
    token: string
    db: RawSql
    dbUrl: string
    ws: string
    accounts: string[]
  },
  log: (line: string) => void,
): Promise<UsageIngestion> {
  const now = Date.now()
  const tag = `u${now.toString(36)}`
  let n = 0
  const nextBody = () => {
    const start = n
    n += o.batch
    return JSON.stringify(Array.from({ length: o.batch }, (_, k) => event(o.accounts, tag, start + k, now)))
  }
  const sent: string[] = []
  const warm = await Promise.all(Array.from({ length: o.clients }, () => post(o.url, o.token, nextBody())))
  const bad = warm.find((w) => w.status !== 202)
  if (bad) throw new Error(`usage-events warm-up answered ${bad.status}: ${bad.text.slice(0, 300)}`)
  const latencies: number[] = []
  let failed = 0
  let sample = ''
  let accepted = 0
  const started = performance.now()
  const deadline = started + o.seconds * 1000
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (performance.now() < deadline) {
        const body = nextBody()
        const t0 = performance.now()
        const r = await post(o.url, o.token, body)
        if (r.status === 202) {
          latencies.push(performance.now() - t0)
          accepted += (JSON.parse(r.text) as { accepted: number }).accepted
          if (sent.length < 3) sent.push(body)
        } else {
          failed++
          sample ||= `${r.status} ${r.text.slice(0, 300)}`
        }
      }
    }),
  )
  const lastAnswer = performance.now()
  const seconds = (lastAnswer - started) / 1000
  const load = summarize(latencies, seconds, failed)
  const api = {
    ...load,
    events: accepted,
    eventRate: accepted / seconds,
    ...(sample ? { errorSample: sample } : {}),
  }
  log(
    `  usage events: ${o.clients} clients × ${o.batch}-event batches, ${Math.round(api.eventRate)} events/s ` +
      `(batch p50 ${load.p50.toFixed(0)} ms, p95 ${load.p95.toFixed(0)} ms${failed ? `, ${failed} failed` : ''})`,
  )
  let received = 0
  let duplicates = 0
  for (const body of sent) {
    const r = await post(o.url, o.token, body)
    const j = JSON.parse(r.text) as { received: number; duplicates: number }
    received += j.received
    duplicates += j.duplicates
  }
  const [stored] = await o.db.query<{ n: string }>(
    `select count(*) as n from usage_events where workspace_id = $1 and event_id like $2`,
    [o.ws, `${tag}-%`],
  )
  let derivedMs: number | null = null
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    if ((await pendingRefresh(o.db, o.ws)) === 0) {
      derivedMs = performance.now() - lastAnswer
      break
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  if (derivedMs === null) {
    const states = await o.db.query<{ name: string; state: string; n: string; output: unknown }>(
      `select name, state, count(*) as n, max(output::text) as output from pgboss.job
        where name like 'job.health%' group by name, state`,
    )
    const [w] = await o.db.query<{ n: string }>(
      'select count(*) as n from health_refresh_pending where workspace_id = $1',
      [o.ws],
    )
    log(`  still waiting: ${w?.n} accounts; jobs ${JSON.stringify(states).slice(0, 1500)}`)
  }
  log(
    `  derived usage metrics current ${derivedMs === null ? 'not within 60 s' : `${(derivedMs / 1000).toFixed(1)} s`} after the last answer`,
  )
  const copy = copyEvents(o.dbUrl, o.ws, o.accounts, o.copyRows)
  if (copy) log(`  COPY into usage_events: ${Math.round(copy.rate)} rows/s`)
  return {
    clients: o.clients,
    batch: o.batch,
    seconds: o.seconds,
    copyRows: o.copyRows,
    accounts: o.accounts.length,
    api,
    replay: { received, duplicates, stored: Number(stored?.n ?? 0) },
    derivedMs,
    copy,
  }
}

/**
 * The ingestion on a migrated database with the bench workspace: the real server against it (worker in the
 * same process, as `openkam start` runs), signed in as the bench administrator, over `accounts` accounts.
 */
export async function runUsageIngestion(
  o: UsageSettings & { dbUrl: string; accounts: number },
  log: (line: string) => void,
): Promise<UsageIngestion> {
  log('PostgreSQL: timing usage ingestion')
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-usage-'))
  const server = startServer({ dataDir: scratch, databaseUrl: o.dbUrl })
  const db = await connectPostgres(o.dbUrl)
  try {
    const { url } = await server.ready
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    const [w] = await db.query<{ id: string }>(`select id from workspaces where slug = 'bench'`)
    if (!w) throw new Error('no bench workspace in the database')
    const accounts = (
      await db.query<{ id: string }>(
        'select id from accounts where workspace_id = $1 and deleted_at is null order by random() limit $2',
        [w.id, o.accounts],
      )
    ).map((r) => r.id)
    return await timeUsageIngestion({ ...o, url, token, db, ws: w.id, accounts }, log)
  } finally {
    await db.close()
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
