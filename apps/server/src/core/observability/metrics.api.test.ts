import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { loadConfig } from '../config'
import type { App } from '../http/server'
import type { JobDef } from '../jobs/jobs'
import { dbKind, makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { serveMetrics, type MetricsServer } from './metrics-server'

type Sample = { name: string; labels: Record<string, string>; value: number }

/** Prometheus text format → samples (enough of it for these tests: no escaped quotes in label values). */
const parse = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l)
      if (!m) throw new Error(`not a sample line: ${l}`)
      const labels = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
      )
      return { name: m[1]!, labels, value: Number(m[3]) }
    })

const LOG_JOB = 'metrics_log_probe'
const DEFERRED_JOB = 'metrics_deferred_probe'
const IDLE_QUEUE = 'metrics.idle'
const jobs: JobDef[] = [
  {
    name: LOG_JOB,
    manual: true,
    handle: async (_data, ctx) => {
      ctx.log.info({ probe: true }, 'metrics probe job ran')
      return null
    },
  },
  { name: DEFERRED_JOB, handle: async () => null },
]

let env: TestEnv
let app: App
let org: Org
let metrics: MetricsServer
let failing: http.Server
let failingHits = 0
const lines: string[] = []

beforeAll(async () => {
  env = await startTestApp({ jobs, env: { OPENKAM_LOG_LEVEL: 'debug', OPENKAM_RETRY_BASE_SECONDS: '3600' } })
  // The app under test logs into `lines` (the harness's own app logs nothing); same runtime, same database.
  app = await buildApp(env.rt, { logger: true, logStream: { write: (l) => lines.push(l) }, web: false })
  org = await makeOrg(env)
  // Known queue contents before the first scrape (the queue figures are cached for 5 s):
  // one job deferred by an hour, one due job on a queue no worker takes.
  await env.rt.jobs.send(null, DEFERRED_JOB, {}, { startAfterSeconds: 3600 })
  await env.rt.boss.createQueue(IDLE_QUEUE)
  await env.rt.boss.send(IDLE_QUEUE, {})
  failing = http.createServer((_req, res) => {
    failingHits += 1
    res.writeHead(503).end('down for the test')
  })
  await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r))
  metrics = (await serveMetrics({ metricsPort: 0, metricsHost: '127.0.0.1' }, env.rt.database, {
    error: () => undefined,
  }))!
})
afterAll(async () => {
  await metrics?.close()
  await new Promise((r) => failing?.close(r))
  await app?.close()
  await env?.close()
})

const scrape = async () => {
  const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/plain')
  const text = await res.text()
  return { text, samples: parse(text) }
}
const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value
const call = (method: 'GET' | 'POST', url: string, body?: object, headers: Record<string, string> = {}) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${org.admin.token}`, ...headers },
    ...(body ? { payload: body } : {}),
  })

describe('GET /metrics', () => {
  it('counts and times requests by route pattern, method and status class — never by raw URL', async () => {
    const created = await call('POST', '/api/v1/accounts', { name: 'Metrics Pumps' })
    expect(created.statusCode).toBe(201)
    const id = created.json().id as string
    const route = { method: 'GET', route: '/api/v1/accounts/:id' }
    const before = (await scrape()).samples
    expect((await call('GET', `/api/v1/accounts/${id}`)).statusCode).toBe(200)
    expect((await call('GET', `/api/v1/accounts/${id}`)).statusCode).toBe(200)
    expect((await call('GET', '/api/v1/accounts/0190aaaa-0000-7000-8000-000000000000')).statusCode).toBe(404)
    expect((await call('GET', '/api/v1/no-such-route/xyz')).statusCode).toBe(404)
    const { text, samples } = await scrape()
    const moved = (name: string, labels: Record<string, string>) =>
      (value(samples, name, labels) ?? 0) - (value(before, name, labels) ?? 0)
    expect(moved('openkam_http_requests_total', { ...route, status_class: '2xx' })).toBe(2)
    expect(moved('openkam_http_requests_total', { ...route, status_class: '4xx' })).toBe(1)
    expect(moved('openkam_http_request_duration_seconds_count', { ...route, status_class: '2xx' })).toBe(2)
    expect(
      moved('openkam_http_request_duration_seconds_bucket', { ...route, status_class: '2xx', le: '+Inf' }),
    ).toBe(2)
    expect(
      value(samples, 'openkam_http_request_duration_seconds_sum', { ...route, status_class: '2xx' }),
    ).toBeGreaterThan(0)
    expect(
      moved('openkam_http_requests_total', { method: 'GET', route: 'unmatched', status_class: '4xx' }),
    ).toBe(1)
    expect(text).not.toContain(id)
    expect(text).not.toContain('no-such-route')
  })

  it("reports the database pool, each job queue's depth and wait, and the outbox lag", async () => {
    const { samples } = await scrape()
    const max = value(samples, 'openkam_db_pool_max_connections')!
    const total = value(samples, 'openkam_db_pool_connections')!
    const idle = value(samples, 'openkam_db_pool_idle_connections')!
    expect(max).toBe(dbKind === 'postgres' ? 10 : 1)
    expect(total).toBeGreaterThanOrEqual(1)
    expect(total).toBeLessThanOrEqual(max)
    expect(idle).toBeGreaterThanOrEqual(0)
    expect(idle).toBeLessThanOrEqual(total)
    const waitingQueries = value(samples, 'openkam_db_pool_waiting_queries')
    if (dbKind === 'postgres') expect(waitingQueries).toBeGreaterThanOrEqual(0)
    else expect(waitingQueries).toBeUndefined()

    const depth = (queue: string, state: string) =>
      value(samples, 'openkam_job_queue_depth', { queue, state })
    expect(depth(`job.${DEFERRED_JOB}`, 'deferred')).toBe(1)
    expect(depth(`job.${DEFERRED_JOB}`, 'waiting')).toBe(0)
    expect(value(samples, 'openkam_job_queue_oldest_waiting_seconds', { queue: `job.${DEFERRED_JOB}` })).toBe(
      0,
    )
    expect(depth(IDLE_QUEUE, 'waiting')).toBe(1)
    const idleAge = value(samples, 'openkam_job_queue_oldest_waiting_seconds', { queue: IDLE_QUEUE })!
    expect(idleAge).toBeGreaterThanOrEqual(0)
    expect(idleAge).toBeLessThan(600)
    // Every queue has its series, also when empty (an event handler's, here).
    expect(depth('event.webhooks.forward', 'waiting')).toBeGreaterThanOrEqual(0)

    const lag = value(samples, 'openkam_outbox_lag_seconds')!
    expect(lag).toBeGreaterThanOrEqual(0)
    expect(lag).toBeLessThan(600)
    expect(value(samples, 'openkam_outbox_pending_jobs')).toBeGreaterThanOrEqual(0)

    // Node's own metrics.
    expect(value(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
  })

  it('counts a failed webhook delivery by channel and result', async () => {
    const base = (await scrape()).samples
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/hook`
    const hook = await call('POST', '/api/v1/webhooks', {
      name: 'Metrics hook',
      kind: 'webhook',
      url,
      events: ['account.created'],
    })
    expect(hook.statusCode).toBe(201)
    expect((await call('POST', '/api/v1/accounts', { name: 'Webhook Pumps' })).statusCode).toBe(201)
    const retries = (s: Sample[]) =>
      value(s, 'openkam_delivery_attempts_total', { channel: 'webhook', result: 'retry' }) ?? 0
    // Each first attempt is answered 503 and counted as a failure to retry (the next is an hour away):
    // as many as the receiver answered (the first test's account.created may be forwarded too, if its
    // event was still queued when the webhook was made).
    const after = await waitFor(async () => {
      const now = (await scrape()).samples
      const moved = retries(now) - retries(base)
      return moved >= 1 && moved === failingHits && now
    })
    expect(value(after, 'openkam_delivery_attempts_total', { channel: 'webhook', result: 'sent' }) ?? 0).toBe(
      value(base, 'openkam_delivery_attempts_total', { channel: 'webhook', result: 'sent' }) ?? 0,
    )
  })

  it('is served on its own port only when OPENKAM_METRICS_PORT is set, never on the API port', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404)
    expect((await fetch(`http://127.0.0.1:${metrics.port}/other`)).status).toBe(404)
    expect(await serveMetrics(loadConfig({}), env.rt.database, { error: () => undefined })).toBeUndefined()
    expect(() => loadConfig({ PORT: '3000', OPENKAM_METRICS_PORT: '3000' })).toThrow(/OPENKAM_METRICS_PORT/)
    expect(loadConfig({ OPENKAM_METRICS_PORT: '9464' }).metricsPort).toBe(9464)
  })
})

describe('request ids', () => {
  const linesOf = (reqId: string) =>
    lines
      .filter((l) => l.includes(reqId))
      .map((l) => ({ raw: l, json: JSON.parse(l) as Record<string, unknown> }))

  it('echoes a given X-Request-Id and logs it on the lines of that request, also from services', async () => {
    const reqId = `probe-${Date.now()}.a1`
    // Over a socket, not inject(): a real body arrives in events of its own, outside the request's context.
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const res = await fetch(`${address}/api/v1/jobs/run`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${org.admin.token}`,
        'content-type': 'application/json',
        'x-request-id': reqId,
      },
      body: JSON.stringify({ job: LOG_JOB }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-request-id')).toBe(reqId)
    const logged = linesOf(reqId)
    // The job's own line, written through the app's logger (not req.log), and Fastify's request line.
    const fromService = logged.find((l) => l.json.msg === 'metrics probe job ran')
    expect(fromService?.json.reqId).toBe(reqId)
    expect(fromService?.raw.match(/"reqId"/g)).toHaveLength(1)
    const completed = logged.find((l) => l.json.msg === 'request completed')
    expect(completed?.json).toMatchObject({ reqId, statusCode: 200, method: 'POST' })
    expect(completed?.raw.match(/"reqId"/g)).toHaveLength(1)
  })

  it('makes its own id when none is given or the given one is not an id', async () => {
    for (const given of [undefined, 'has spaces in it', 'x'.repeat(101), '"quoted"']) {
      const res = await call(
        'GET',
        '/api/v1/accounts?limit=1',
        undefined,
        given ? { 'x-request-id': given } : {},
      )
      expect(res.statusCode).toBe(200)
      const id = res.headers['x-request-id'] as string
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(linesOf(id).find((l) => l.json.msg === 'request completed')?.json.reqId).toBe(id)
    }
  })
})
