// Importing accounts through the API: a CSV posted to POST /api/v1/imports (validate, de-duplicate, insert,
// audit), followed at GET /api/v1/imports/:id until it is done — the time a person waits for a big import.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { industries } from '@openkam/contract'
import { BENCH_ADMIN, benchEmail } from './generate'
import { signIn, startServer } from './http-timing'
import { label, type Target } from './workspace'

export type ApiImport = {
  rows: number
  /** POST sent → `done` (or `failed`) seen, polling every POLL_MS. */
  seconds: number
  status: string
  created: number
  failed: number
  message: string | null
}

const POLL_MS = 250
/** Give up on an import that has not finished after this long (it is reported as it stood). */
const LIMIT_MS = 30 * 60_000

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

/** Starts the server on the workspace, imports `rows` new accounts (numbered after `offset`) and stops it. */
export async function timeApiImport(
  t: Target,
  rows: number,
  offset: number,
  log: (line: string) => void,
): Promise<ApiImport> {
  log(`${label(t)}: importing ${rows.toLocaleString('en')} accounts through the API`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-import-'))
  const server = startServer(
    t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url },
  )
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
    const res = await fetch(`${url}/api/v1/imports`, { method: 'POST', headers, body })
    type Import = {
      id: string
      status: string
      created: number
      failed: number
      processed: number
      message: string | null
    }
    let imp = (await res.json()) as Import
    if (!res.ok)
      throw new Error(`POST /api/v1/imports answered ${res.status}: ${JSON.stringify(imp).slice(0, 300)}`)
    let logged = performance.now()
    while (!['done', 'failed'].includes(imp.status) && performance.now() - t0 < LIMIT_MS) {
      await new Promise((r) => setTimeout(r, POLL_MS))
      const poll = await fetch(`${url}/api/v1/imports/${imp.id}`, { headers })
      imp = (await poll.json()) as Import
      if (performance.now() - logged > 10_000) {
        logged = performance.now()
        log(
          `  ${imp.status}: ${imp.processed.toLocaleString('en')} of ${rows.toLocaleString('en')} rows checked`,
        )
      }
    }
    const seconds = (performance.now() - t0) / 1000
    log(
      `  ${imp.status} in ${seconds.toFixed(1)} s: ${imp.created.toLocaleString('en')} created, ${imp.failed} refused`,
    )
    return {
      rows,
      seconds,
      status: imp.status,
      created: imp.created,
      failed: imp.failed,
      message: imp.message,
    }
  } finally {
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
