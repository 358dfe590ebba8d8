// The statements the API sends for a create and an update of an account, recorded at the driver in the server
// process (statement-capture.mjs), so that the raw SQL floor of a write runs exactly those statements.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_ADMIN } from './generate'
import { signIn, startServer } from './http-timing'
import { label, type Target } from './workspace'

/** One statement as the driver sent it: text, prepared name, parameters in their text form (or null). */
export type Statement = { text: string; name: string | null; values: (string | null)[] }

/** A captured request: its statements, and what a replay must change in them each time. */
export type Captured = {
  statements: Statement[]
  /** Ids of the rows the request made (record, audit entry, outbox row): a replay makes new ones. */
  fresh: string[]
  /** The account the update changed (a replay changes its client's own account), or null. */
  account: string | null
  /** The request id the rows carry, which identifies a replay's rows for the clean-up. */
  requestIds: string[]
}

export type WriteCapture = { create: Captured; update: Captured }

/** The body of a create, as the API load sends it (`n` keeps the names apart). */
export const createBody = (n: string) => ({ name: `Bench create ${n}`, industry: 'finance', tier: 'growth' })
/** The body of an update of an account at `version`. */
export const updateBody = (version: number, n: string) => ({ version, name: `Bench update ${n}` })

const hook = pathToFileURL(path.join(import.meta.dirname, 'statement-capture.mjs')).href

/** The ids of the rows a statement's json parameters describe (`[{"id": …}, …]`). */
function rowIds(values: (string | null)[]): { ids: string[]; requests: string[] } {
  const ids: string[] = []
  const requests: string[] = []
  for (const v of values) {
    if (!v?.startsWith('[{')) continue
    try {
      for (const row of JSON.parse(v) as Record<string, unknown>[]) {
        if (typeof row.id === 'string') ids.push(row.id)
        if (typeof row.request_id === 'string') requests.push(row.request_id)
      }
    } catch {
      // not json after all
    }
  }
  return { ids, requests }
}

function captured(statements: Statement[], made: string | null, account: string | null): Captured {
  const { ids, requests } = rowIds(statements.flatMap((s) => s.values))
  return {
    statements,
    fresh: [...new Set([...(made ? [made] : []), ...ids])],
    account,
    requestIds: [...new Set(requests)],
  }
}

const ROUNDS = 4

/**
 * Starts the server with the capture hook (on PostgreSQL without background work, `--api-only`), signs in,
 * sends ROUNDS creates and updates of `account` and keeps, of each kind, the request with the fewest
 * statements after the first (caches warm; a cache's occasional freshness check is not what a write costs).
 * The server runs only for this; the timed runs use a server without the hook.
 */
export async function captureWrites(t: Target, account: string, log: (l: string) => void) {
  log(`${label(t)}: recording the statements of a create and an update`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-capture-'))
  const file = path.join(scratch, 'statements.jsonl')
  const server = startServer({
    ...(t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url }),
    args: t.kind === 'postgres' ? ['--api-only'] : [],
    env: {
      BENCH_CAPTURE_FILE: file,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(),
    },
  })
  const made: string[] = []
  try {
    const { url } = await server.ready
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    const send = async (method: string, urlPath: string, body: object, mark: string) => {
      const res = await fetch(`${url}${urlPath}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-bench-capture': mark,
        },
        body: JSON.stringify(body),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${urlPath} answered ${res.status}: ${text.slice(0, 300)}`)
      return JSON.parse(text) as { id: string; version: number }
    }
    const current = await fetch(`${url}/api/v1/accounts/${account}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    let { version } = (await current.json()) as { version: number }
    for (let i = 0; i < ROUNDS; i++) {
      made.push((await send('POST', '/api/v1/accounts', createBody(`capture ${i}`), `create${i}`)).id)
      const patch = updateBody(version, `capture ${i}`)
      version = (await send('PATCH', `/api/v1/accounts/${account}`, patch, `update${i}`)).version
    }
  } finally {
    await server.stop()
  }
  try {
    const marks = new Map<string, Statement[]>()
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { mark, statements } = JSON.parse(line) as { mark: string; statements: Statement[] }
      marks.set(mark, statements)
    }
    // The round (after the first) whose request sent the fewest statements.
    const fewest = (kind: string) => {
      let best = 1
      for (let i = 2; i < ROUNDS; i++)
        if (
          (marks.get(`${kind}${i}`)?.length ?? Infinity) < (marks.get(`${kind}${best}`)?.length ?? Infinity)
        )
          best = i
      return best
    }
    const c = fewest('create')
    const result: WriteCapture = {
      create: captured(marks.get(`create${c}`) ?? [], made[c] ?? null, null),
      update: captured(marks.get(`update${fewest('update')}`) ?? [], null, account),
    }
    for (const [what, c] of Object.entries(result))
      log(`  ${what}: ${c.statements.length} statement(s), ${c.fresh.length} new row ids`)
    return result
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
