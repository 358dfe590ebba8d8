import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validate } from '@readme/openapi-parser'
import { startTestApp, type TestEnv } from '../../../test/harness'
import { createHttpServer } from './server'

let env: TestEnv
beforeAll(async () => {
  env = await startTestApp()
})
afterAll(() => env?.close())

describe('HTTP kernel', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await env.app.inject({ url: '/healthz' })).statusCode).toBe(200)
    const ready = await env.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
  })

  it('answers 503 on /readyz once the runtime is stopping', async () => {
    const other = await startTestApp()
    await other.rt.stop()
    expect((await other.app.inject({ url: '/readyz' })).statusCode).toBe(503)
    await other.app.close()
  })

  it('lets a shutdown wait for handlers still running after their client hung up', async () => {
    const app = await createHttpServer({
      config: env.config,
      events: env.rt.events,
      resolvePrincipal: async () => null,
      isReady: async () => true,
      version: 'test',
      logger: false,
    })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let started!: () => void
    const arrived = new Promise<void>((r) => (started = r))
    const steps: string[] = []
    app.get('/slow', { config: { public: true }, schema: { hide: true } }, async () => {
      started()
      await gate
      steps.push('handler done')
      return { ok: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const addr = app.server.address() as { port: number }
    const client = new AbortController()
    const req = fetch(`http://127.0.0.1:${addr.port}/slow`, { signal: client.signal }).catch(() => 'aborted')
    await arrived
    client.abort()
    expect(await req).toBe('aborted')
    await app.close()
    steps.push('closed')
    const idle = app.whenIdle(10_000).then(() => steps.push('idle'))
    await new Promise((r) => setTimeout(r, 50))
    expect(steps).toEqual(['closed'])
    release()
    await idle
    expect(steps).toEqual(['closed', 'handler done', 'idle'])
    // Nothing running: at once.
    await app.whenIdle(10_000)
  })

  it('serves a valid OpenAPI 3.1 document describing every route', async () => {
    const res = await env.app.inject({ url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(doc))
    expect(result.valid ? [] : result.errors).toEqual([])
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    )
    const routes = env.app.registeredRoutes.filter((r) => !r.hidden)
    expect(routes.length).toBeGreaterThanOrEqual(25)
    const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')
    for (const r of routes)
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${openApiPath(r.url)}`)
    for (const expected of [
      'POST /api/v1/auth/login',
      'GET /api/v1/accounts',
      'DELETE /api/v1/api-tokens/{id}',
    ]) {
      expect(documented).toContain(expected)
    }
    const list = doc.paths['/api/v1/accounts'].get
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'sort', 'q', 'industry', 'ownerId']),
    )
  })

  it('answers unknown routes and malformed JSON with problem+json', async () => {
    const nf = await env.app.inject({ url: '/api/nothing-here' })
    expect(nf.statusCode).toBe(404)
    expect(nf.headers['content-type']).toMatch(/problem\+json/)
    // Under /api/v1 an anonymous caller learns nothing about which routes exist.
    expect((await env.app.inject({ url: '/api/v1/nothing-here' })).statusCode).toBe(401)
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('invalid_json')
  })

  it('sends the security headers on API answers and pages alike', async () => {
    for (const url of ['/healthz', '/api/v1/accounts', '/no-such-page']) {
      const res = await env.app.inject({ url })
      expect(res.headers['content-security-policy']).toContain("default-src 'self'")
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data: blob:")
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(res.headers['strict-transport-security']).toBeUndefined()
    }
  })

  it('echoes a request id on every response', async () => {
    const res = await env.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })
    expect(res.headers['x-request-id']).toBe('abc-123')
  })
})
