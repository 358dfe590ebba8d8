// API fuzzing (SPEC R-26, issue 22): property-based requests generated from the OpenAPI document the
// server serves, for every operation — valid, boundary, invalid and hostile — against the demo workspace.
// Every answer must be a non-5xx with a documented status, content type and body; input that breaks the
// document is never answered 2xx; a refused write leaves nothing behind. Seeded and bounded here; longer
// runs with any seed: `npm run fuzz` (docs/development.md, "API fuzzing").
import { and, desc, eq, gt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../../test/harness'
import { describeFailure, fuzz, type Target } from '../../../test/fuzz/runner'
import type { OpenApi } from '../../../test/fuzz/operations'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../demo/seed'
import { auditLog } from '../audit/audit.table'
import { outbox } from '../events/outbox.table'

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206)
const RUNS = Number(process.env.FUZZ_RUNS ?? 5)
const ONLY = process.env.FUZZ_ONLY || undefined
// Hostile values are on unless a run turns them off (FUZZ_HOSTILE=0).
const HOSTILE = process.env.FUZZ_HOSTILE !== '0'

let env: TestEnv
let admin: Caller
let doc: OpenApi
let ws = ''
const ZERO = '00000000-0000-0000-0000-000000000000'

beforeAll(async () => {
  // An API process only: no background worker writes while a refused request is being checked for traces.
  env = await startTestApp({ demo: 'en', role: 'api' })
  admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
  ws =
    (await admin.get('/api/v1/auth/me')).body.workspace?.id ?? (await admin.get('/api/v1/workspace')).body.id
}, 180_000)
afterAll(() => env?.close())

/** Ids of the workspace's records by list path (the fuzzing user's own id left out, so it stays signed in). */
async function recordIds() {
  const pool: Record<string, string[]> = {}
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get || path.includes('{') || !path.startsWith('/api/v1/') || path.startsWith('/api/v1/portal/'))
      continue
    const res = await admin.get(`${path}?limit=5`)
    const ids = (Array.isArray(res.body?.data) ? res.body.data : [])
      .map((r: { id?: unknown }) => r?.id)
      .filter((x: unknown): x is string => typeof x === 'string' && x !== admin.userId)
    if (res.status === 200 && ids.length) pool[path] = ids
  }
  return pool
}

function target(): Target {
  let token = admin.token
  return {
    async send({ method, url, body, signedIn, requestId }) {
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: {
          'x-request-id': requestId,
          ...(signedIn ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: body }),
      })
      return {
        status: res.statusCode,
        contentType: String(res.headers['content-type'] ?? ''),
        body: res.body,
      }
    },
    async mark() {
      const db = env.rt.database.db
      const [a] = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(eq(auditLog.workspaceId, ws))
        .orderBy(desc(auditLog.id))
        .limit(1)
      const [o] = await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(eq(outbox.workspaceId, ws))
        .orderBy(desc(outbox.id))
        .limit(1)
      return { audit: a?.id ?? ZERO, outbox: o?.id ?? ZERO }
    },
    async tracesSince(mark, requestId) {
      const m = mark as { audit: string; outbox: string }
      const db = env.rt.database.db
      const [a] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(and(eq(auditLog.workspaceId, ws), gt(auditLog.id, m.audit), eq(auditLog.requestId, requestId)))
      const [o] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(and(eq(outbox.workspaceId, ws), gt(outbox.id, m.outbox), eq(outbox.requestId, requestId)))
      return a!.n + o!.n
    },
    async ensureSignedIn() {
      const me = await env.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      })
      if (me.statusCode === 200) return true
      token = (await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).token
      return false
    },
  }
}

describe('API fuzzing from the OpenAPI document', () => {
  it(`every operation, seed ${SEED}, ${RUNS} cases each: no 5xx, answers as documented, invalid input refused, refusals write nothing`, async () => {
    const started = Date.now()
    const pool = await recordIds()
    console.info(`fuzz: record ids from ${Object.keys(pool).length} lists in ${Date.now() - started} ms`)
    expect(Object.keys(pool).length, 'list routes with demo records').toBeGreaterThan(30)
    const ids = [...new Set(Object.values(pool).flat())]
    const { failures, stats, sessionEnders } = await fuzz(target(), doc, {
      seed: SEED,
      runsPerOperation: RUNS,
      hostile: HOSTILE,
      only: ONLY,
      pool,
      ids,
    })
    console.info(
      `fuzz: seed ${SEED}, ${stats.operations} operations, ${stats.requests} requests ` +
        `(${stats.valid} valid, ${stats.invalid} invalid, ${stats.hostile} hostile), statuses ${JSON.stringify(stats.status)}` +
        (sessionEnders.length ? `; signed in again after ${sessionEnders.join(', ')}` : ''),
    )
    if (failures.length) console.error(failures.map(describeFailure).join('\n\n'))
    expect(failures.map((f) => `${f.operation} — ${f.check} (${f.label})`)).toEqual([])
    if (!ONLY) {
      // Every operation was tried, with invalid input among the cases.
      expect(stats.operations).toBeGreaterThan(400)
      expect(stats.invalid).toBeGreaterThan(stats.operations)
      if (HOSTILE) expect(stats.hostile).toBeGreaterThan(stats.operations / 4)
      const answered = (from: number) =>
        Object.entries(stats.status)
          .filter(([s]) => Number(s) >= from && Number(s) < from + 100)
          .reduce((n, [, k]) => n + k, 0)
      // Not everything is refused: the valid cases reach the routes' work.
      expect(answered(200)).toBeGreaterThan(stats.operations / 4)
    }
  }, 3_600_000)
})
