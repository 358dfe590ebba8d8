import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../app'
import { startRuntime, type Runtime } from '../../runtime'
import type { App } from '../../core/http/server'
import {
  caller,
  dbKind,
  makeOrg,
  startTestApp,
  type Caller,
  type Org,
  type TestEnv,
} from '../../../test/harness'
import { principalCache } from './access.cache'

/**
 * Sessions and permissions are cached per process for a few seconds (access.cache.ts). A change made
 * through one process must reach the others through the database's notification, well before the cache
 * would expire on its own (5 s): each check below gives it 3 s.
 */
const PROPAGATION_MS = 3_000

async function refusedWithin(ms: number, check: () => Promise<number>, refused = 401) {
  const end = Date.now() + ms
  for (;;) {
    const status = await check()
    if (status === refused) return Date.now() - (end - ms)
    if (Date.now() > end) throw new Error(`still ${status} after ${ms} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('cached sessions in one process', () => {
  let env: TestEnv
  let org: Org
  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  })
  afterAll(() => env?.close())

  it('answers a repeated request from the cache, and a signed-out session is refused at once', async () => {
    const sales = org.sales
    expect((await sales.get('/api/v1/auth/me')).status).toBe(200)
    // The principal is now cached …
    expect(principalCache.size).toBeGreaterThan(0)
    expect((await sales.post('/api/v1/auth/logout')).status).toBeLessThan(300)
    // … and sign-out dropped it in this process at once (no waiting for the notification).
    expect((await sales.get('/api/v1/auth/me')).status).toBe(401)
  })

  it('a change made behind the API (straight in the database) still reaches the cache', async () => {
    expect((await org.sales2.get('/api/v1/auth/me')).status).toBe(200)
    await env.rt.database.db.execute(
      sql`update users set active = false where workspace_id = ${org.wsId} and id = ${org.sales2.userId}`,
    )
    await refusedWithin(PROPAGATION_MS, async () => (await org.sales2.get('/api/v1/auth/me')).status)
  })
})

describe.runIf(dbKind === 'postgres')('two API processes on PostgreSQL', () => {
  let env: TestEnv
  let org: Org
  let other: Runtime
  let otherApp: App
  /** The same person, asking the second process. */
  const there = (c: Caller) => caller(otherApp, c.token, c.userId)
  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    other = await startRuntime(env.config, { role: 'api' })
    otherApp = await buildApp(other, { logger: false, web: false })
  })
  afterAll(async () => {
    await otherApp?.close()
    await other?.stop()
    await env?.close()
  })

  it('sign-out in one process ends the session in the other within a second or so', async () => {
    const c = there(org.sales)
    expect((await c.get('/api/v1/auth/me')).status).toBe(200) // now cached there
    expect((await org.sales.post('/api/v1/auth/logout')).status).toBeLessThan(300)
    const ms = await refusedWithin(PROPAGATION_MS, async () => (await c.get('/api/v1/auth/me')).status)
    expect(ms).toBeLessThan(PROPAGATION_MS)
  })

  it('a role change reaches the other process', async () => {
    const c = there(org.executive)
    expect((await c.get('/api/v1/accounts')).status).toBe(200)
    const roles = (await org.admin.get('/api/v1/roles?limit=100')).body.data
    const exec = roles.find((r: any) => r.key === 'executive')
    const narrowed = await org.admin.patch(`/api/v1/roles/${exec.id}`, {
      version: exec.version,
      permissions: {
        ...exec.permissions,
        accounts: { read: 'none', create: 'none', update: 'none', delete: 'none' },
      },
    })
    expect(narrowed.status).toBe(200)
    await refusedWithin(PROPAGATION_MS, async () => (await c.get('/api/v1/accounts')).status, 403)
    await org.admin.patch(`/api/v1/roles/${exec.id}`, {
      version: narrowed.body.version,
      permissions: exec.permissions,
    })
  })

  it('deactivating a person reaches the other process', async () => {
    const c = there(org.outsider)
    expect((await c.get('/api/v1/auth/me')).status).toBe(200)
    const u = await org.admin.get(`/api/v1/users/${org.outsider.userId}`)
    expect(
      (
        await org.admin.patch(`/api/v1/users/${org.outsider.userId}`, {
          version: u.body.version,
          active: false,
        })
      ).status,
    ).toBe(200)
    await refusedWithin(PROPAGATION_MS, async () => (await c.get('/api/v1/auth/me')).status)
  })

  it('revoking an API token reaches the other process', async () => {
    const made = await org.admin.post('/api/v1/api-tokens', { name: 'cache probe' })
    expect(made.status).toBe(201)
    const c = caller(otherApp, made.body.token)
    expect((await c.get('/api/v1/accounts')).status).toBe(200)
    expect((await org.admin.del(`/api/v1/api-tokens/${made.body.id}`)).status).toBe(200)
    await refusedWithin(PROPAGATION_MS, async () => (await c.get('/api/v1/accounts')).status)
  })
})
