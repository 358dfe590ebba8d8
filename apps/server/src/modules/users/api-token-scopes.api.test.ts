import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  caller,
  makeOrg,
  startTestApp,
  type Caller,
  type Org,
  type TestEnv,
  waitFor,
} from '../../../test/harness'
import { principalCache } from './access.cache'

/** Scoped API tokens (SPEC R-22): read-only or read-write per object, expiry, last use, the secret once. */
describe('scoped API tokens', () => {
  let env: TestEnv
  let org: Org
  const sql = async <T>(text: string): Promise<T[]> =>
    ((await env.rt.database.db.execute(text as never)) as unknown as { rows: T[] }).rows

  /** A token of `who` with these scopes, as a caller. */
  const tokenOf = async (who: Caller, scopes: Record<string, string>, name = 'scoped') => {
    const res = await who.post('/api/v1/api-tokens', { name, scopes })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return {
      id: res.body.id as string,
      secret: res.body.token as string,
      api: caller(env.app, res.body.token),
    }
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const made = await org.admin.post('/api/v1/objects', {
      key: 'site_visits',
      label: 'Site visit',
      pluralLabel: 'Site visits',
      fields: [{ key: 'visitDate', label: 'Visit date', type: 'date' }],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
  }, 60_000)
  afterAll(() => env?.close())

  it('lets a read-only token read its objects and refuses a write with a 403 naming the scope', async () => {
    const { api } = await tokenOf(org.sales, { accounts: 'read', contacts: 'read' })
    expect((await api.get('/api/v1/accounts')).status).toBe(200)
    expect((await api.get('/api/v1/contacts')).status).toBe(200)
    const write = await api.post('/api/v1/accounts', { name: 'Not allowed' })
    expect(write.status).toBe(403)
    expect(write.body).toMatchObject({
      code: 'token_scope',
      detail: 'This token may only read accounts, contacts',
      scopes: { accounts: 'read', contacts: 'read' },
    })
    const zh = await env.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${api.token}`, 'accept-language': 'zh-CN' },
      payload: { name: 'x' },
    })
    expect(zh.json().detail).toMatch(/^此令牌只能读取/)
    expect((await org.sales.get('/api/v1/accounts?q=Not%20allowed')).body.data).toHaveLength(0)
  })

  it('refuses another object, a custom object outside the scope and routes about no one object', async () => {
    const { api } = await tokenOf(org.sales, { accounts: 'write' })
    const made = await api.post('/api/v1/accounts', { name: 'Token Co' })
    expect(made.status).toBe(201)
    const contacts = await api.get('/api/v1/contacts')
    expect(contacts.status).toBe(403)
    expect(contacts.body.detail).toBe('This token may only read and write accounts')
    expect((await api.get('/api/v1/objects/site_visits/records')).status).toBe(403)
    expect((await api.get('/api/v1/reports/funnel')).status).toBe(403)
    expect((await api.get('/api/v1/search?q=Token')).status).toBe(403)
    // Who the token belongs to is always allowed.
    expect((await api.get('/api/v1/auth/me')).status).toBe(200)
  })

  it('scopes a custom object by its key', async () => {
    const { api } = await tokenOf(org.sales, { site_visits: 'read' })
    expect((await api.get('/api/v1/objects/site_visits/records')).status).toBe(200)
    const write = await api.post('/api/v1/objects/site_visits/records', { name: 'Visit' })
    expect(write.status).toBe(403)
    expect(write.body.detail).toBe('This token may only read site_visits')
    expect((await api.get('/api/v1/accounts')).status).toBe(403)

    const rw = await tokenOf(org.sales, { site_visits: 'write' })
    expect((await rw.api.post('/api/v1/objects/site_visits/records', { name: 'Visit' })).status).toBe(201)
  })

  it('gives * every route the role allows, read-only when it says read, and never more than the role', async () => {
    const all = await tokenOf(org.sales, { '*': 'read' })
    expect((await all.api.get('/api/v1/reports/funnel')).status).toBe(200)
    expect((await all.api.get('/api/v1/objects/site_visits/records')).status).toBe(200)
    const write = await all.api.post('/api/v1/tasks', { title: 'x' })
    expect(write.status).toBe(403)
    expect(write.body.detail).toBe('This token may only read everything the role allows')
    // A narrower entry wins over *.
    const mixed = await tokenOf(org.sales, { '*': 'read', tasks: 'write' })
    expect((await mixed.api.post('/api/v1/tasks', { title: 'From a token' })).status).toBe(201)
    expect((await mixed.api.post('/api/v1/accounts', { name: 'no' })).status).toBe(403)
    // The role still decides: a salesperson's read-write token does not manage users.
    const full = await tokenOf(org.sales, { '*': 'write' })
    const users = await full.api.post('/api/v1/users', { email: 'x@y.test', name: 'X', roles: ['admin'] })
    expect(users.status).toBe(403)
    expect(users.body.code).not.toBe('token_scope')
  })

  it('refuses scopes that name no object or exceed the role, and changes nothing', async () => {
    const before = (await org.sales.get('/api/v1/api-tokens')).body.data.length
    const unknown = await org.sales.post('/api/v1/api-tokens', { name: 'x', scopes: { nope: 'read' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors).toEqual([
      { path: 'scopes.nope', message: 'no object nope in this workspace' },
    ])
    const bad = await org.sales.post('/api/v1/api-tokens', { name: 'x', scopes: { accounts: 'admin' } })
    expect(bad.status).toBe(400)
    const empty = await org.sales.post('/api/v1/api-tokens', { name: 'x', scopes: {} })
    expect(empty.status).toBe(400)
    await sql(`update roles set permissions = permissions || '{"site_visits": {"read": "none"}}'::jsonb
      where workspace_id = '${org.wsId}' and key = 'finance'`)
    const finance = await org.finance.post('/api/v1/api-tokens', {
      name: 'x',
      scopes: { site_visits: 'read' },
    })
    expect(finance.status).toBe(400)
    expect(finance.body.errors[0]).toEqual({
      path: 'scopes.site_visits',
      message: 'your role may not read site_visits',
    })
    expect((await org.sales.get('/api/v1/api-tokens')).body.data.length).toBe(before)
  })

  it('lists scopes and last use, shows the secret once and never again, and ends at its expiry', async () => {
    const { id, secret, api } = await tokenOf(org.sales, { accounts: 'read' }, 'Listed')
    const listed = () =>
      org.sales.get('/api/v1/api-tokens').then((r) => r.body.data.find((t: any) => t.id === id))
    expect(await listed()).toMatchObject({ name: 'Listed', scopes: { accounts: 'read' }, lastUsedAt: null })
    expect(JSON.stringify((await org.sales.get('/api/v1/api-tokens')).body)).not.toContain(secret)
    const kept = await sql<{ t: string }>(
      `select (select coalesce(string_agg(a::text, ''), '') from audit_log a where a.entity_id = '${id}')
        || (select coalesce(string_agg(o::text, ''), '') from outbox o where o.entity_id = '${id}') as t`,
    )
    expect(kept[0]!.t).toContain(id)
    expect(kept[0]!.t).not.toContain(secret)

    // Last use: recorded on first use, not again within the minute, again once the minute has passed.
    expect((await api.get('/api/v1/accounts')).status).toBe(200)
    const first = (await listed()).lastUsedAt
    expect(first).not.toBeNull()
    expect((await api.get('/api/v1/accounts')).status).toBe(200)
    expect((await listed()).lastUsedAt).toBe(first)
    await sql(`update api_tokens set last_used_at = now() - interval '2 minutes' where id = '${id}'`)
    principalCache.invalidate(org.wsId) // a minute on, the token's cached principal (5 s) is long gone
    const aged = (await listed()).lastUsedAt
    expect((await api.get('/api/v1/accounts')).status).toBe(200)
    expect(Date.parse((await listed()).lastUsedAt)).toBeGreaterThan(Date.parse(aged))

    // Expiry: a token past it is refused as unauthenticated.
    await sql(`update api_tokens set expires_at = now() - interval '1 second' where id = '${id}'`)
    // The change is announced on commit and drops the cached principal (access.cache.ts).
    expect(await waitFor(async () => (await api.get('/api/v1/accounts')).status === 401 && 401, 3000)).toBe(
      401,
    )
  })
})
