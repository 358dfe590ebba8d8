// Importing accounts through the API: a CSV posted to POST /api/v1/imports (validate, de-duplicate, insert,
// audit), followed at GET /api/v1/imports/:id until it is done — the time a person waits for a big import.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { industries } from '@openkam/contract'
import { BENCH_ADMIN, benchEmail } from './generate'
import { signIn, startServer } from './http-timing'
import { connect, label, type Target } from './workspace'

type Log = (line: string) => void

export type ApiImport = {
  rows: number
  /** POST sent → the import's `finishedAt` (the server's own stamp, so a slow poll does not count). */
  seconds: number
  status: string
  created: number
  failed: number
  message: string | null
  /** Jobs the server's worker still had queued when the server was stopped (the import's aftermath). */
  queuedAfter: number
  /** The longest the API took to answer a progress poll (ms). */
  slowestPoll: number
}

const POLL_MS = 250
/** Polls stop when the import has run this long (it is then reported as it stood). */
const LIMIT_MS = 30 * 60_000
/** …or when the API has not answered a poll for this long (e.g. its embedded database busy with the aftermath). */
const UNANSWERED_MS = 120_000

const any = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!
const owners = [
  ...Array.from({ length: 4 }, (_, i) => benchEmail('sales_manager', i + 1)),
  ...Array.from({ length: 30 }, (_, i) => benchEmail('sales', i + 1)),
]

/**
 * `n` new accounts as a person's CSV would hold them: headers the importer recognises, owners by e-mail,
 * choices by value; numbering starts after `offset`, so that names, credit codes and domains are new.
 */
export function importCsv(n: number, offset: number): string {
  const lines = ['name,industry,sizeBand,tier,region,creditCode,domain,employees,annualSpend,owner']
  for (let i = 1; i <= n; i++) {
    const k = offset + i
    lines.push(
      [
        `API import ${k}`,
        any(industries, k * 3),
        any(['large', 'growth', 'small'], k),
        any(['strategic', 'growth', 'essential'], k * 5),
        any(['east', 'north', 'south', 'west', 'central'], k),
        `91${String(k % 1_000_000).padStart(6, '0')}${String(k).padStart(10, '0')}`,
        `api${k}.example.cn`,
        String(10 + (k % 20_000)),
        ((k * 37) % 5_000_000).toFixed(2),
        any(owners, k * 7),
      ].join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

type Import = {
  id: string
  status: string
  created: number
  failed: number
  processed: number
  total: number
  message: string | null
}

/**
 * Polls GET /api/v1/imports/:id every POLL_MS until the import is done or failed, it has run LIMIT_MS, or the
 * API has left a poll unanswered for UNANSWERED_MS. Gives the last answer and the slowest poll (ms).
 */
async function follow(url: string, headers: Record<string, string>, first: Import, t0: number, log: Log) {
  let imp = first
  let slowest = 0
  let logged = performance.now()
  while (!['done', 'failed'].includes(imp.status) && performance.now() - t0 < LIMIT_MS) {
    await new Promise((r) => setTimeout(r, POLL_MS))
    const asked = performance.now()
    try {
      const poll = await fetch(`${url}/api/v1/imports/${imp.id}`, {
        headers,
        signal: AbortSignal.timeout(UNANSWERED_MS),
      })
      imp = (await poll.json()) as Import
    } catch {
      slowest = Math.max(slowest, performance.now() - asked)
      log(`  the API did not answer a progress poll within ${UNANSWERED_MS / 1000} s; stopped polling`)
      break
    }
    slowest = Math.max(slowest, performance.now() - asked)
    if (performance.now() - logged > 10_000) {
      logged = performance.now()
      log(
        `  ${imp.status}: ${imp.processed.toLocaleString('en')} of ${imp.total.toLocaleString('en')} rows checked`,
      )
    }
  }
  return { imp, slowest }
}

/**
 * After the server stopped: the import as stored (it may have finished after the last poll), the jobs left
 * queued — deleted, with the imported accounts analyzed, so that later timings meet neither.
 */
async function settle(t: Target, id: string, since: number) {
  const raw = await connect(t)
  try {
    const [imp] = await raw.query<Import & { finished_at: Date | string | null }>(
      'select id, status, created, failed, processed, total, message, finished_at from imports where id = $1',
      [id],
    )
    // Every job queued since the import began and not yet started: the events' handlers and what they queued
    // in turn (health refreshes, tiers, rules) — left, they would run under the next server's timings.
    const after = new Date(since).toISOString()
    const [{ n } = { n: 0 }] = await raw.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where state < 'active' and created_on >= $1`,
      [after],
    )
    await raw.query(`delete from pgboss.job where state < 'active' and created_on >= $1`, [after])
    await raw.exec('vacuum analyze accounts, pgboss.job')
    return { imp, queued: n }
  } finally {
    await raw.close()
  }
}

/** Starts the server on the workspace, imports `rows` new accounts (numbered after `offset`) and stops it. */
export async function timeApiImport(t: Target, rows: number, offset: number, log: Log): Promise<ApiImport> {
  log(`${label(t)}: importing ${rows.toLocaleString('en')} accounts through the API`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-import-'))
  const server = startServer(
    t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url },
  )
  let id = ''
  let t0Epoch = 0
  let slowestPoll = 0
  try {
    const { url } = await server.ready
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const body = JSON.stringify({
      object: 'accounts',
      fileName: 'bench-accounts.csv',
      content: importCsv(rows, offset),
    })
    const t0 = performance.now()
    t0Epoch = Date.now()
    const res = await fetch(`${url}/api/v1/imports`, { method: 'POST', headers, body })
    const first = (await res.json()) as Import
    if (!res.ok)
      throw new Error(`POST /api/v1/imports answered ${res.status}: ${JSON.stringify(first).slice(0, 300)}`)
    id = first.id
    slowestPoll = (await follow(url, headers, first, t0, log)).slowest
  } finally {
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  const { imp, queued } = await settle(t, id, t0Epoch)
  if (!imp) throw new Error(`import ${id} not found after the server stopped`)
  const finished = imp.finished_at ? new Date(imp.finished_at).getTime() : NaN
  const seconds = (finished - t0Epoch) / 1000
  log(
    `  ${imp.status} ${Number.isNaN(seconds) ? '(not finished)' : `in ${seconds.toFixed(1)} s`}: ` +
      `${imp.created.toLocaleString('en')} created, ${imp.failed} refused; ${queued.toLocaleString('en')} jobs ` +
      `left queued; slowest progress poll ${(slowestPoll / 1000).toFixed(1)} s`,
  )
  return {
    rows,
    seconds,
    status: imp.status,
    created: imp.created,
    failed: imp.failed,
    message: imp.message,
    queuedAfter: queued,
    slowestPoll,
  }
}
