import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, loginAs, makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
const ADMIN = { email: 'first.admin@example.com', password: 'first-admin-pass' }

beforeAll(async () => {
  env = await startTestApp({
    env: { OPENKAM_ADMIN_EMAIL: ADMIN.email, OPENKAM_ADMIN_PASSWORD: ADMIN.password },
  })
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const login = (body: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body as object, headers })

describe('sign-in', () => {
  it('creates the first admin from OPENKAM_ADMIN_* whose token works as a Bearer token', async () => {
    const res = await login(ADMIN)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toMatchObject({ email: ADMIN.email, roles: ['admin'] })
    expect(body.user.workspace.slug).toBe('default')
    const me = await env.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    })
    expect(me.statusCode).toBe(200)
    expect(me.json().email).toBe(ADMIN.email)
  })

  it('sets an HTTP-only SameSite=Lax session cookie that authenticates too', async () => {
    const res = await login(ADMIN)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/openkam_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    const value = cookie.split(';')[0]!
    const me = await env.app.inject({ url: '/api/v1/auth/me', headers: { cookie: value } })
    expect(me.statusCode).toBe(200)
  })

  it('marks the cookie Secure behind TLS', async () => {
    const tls = await startTestApp({
      env: {
        OPENKAM_ADMIN_EMAIL: ADMIN.email,
        OPENKAM_ADMIN_PASSWORD: ADMIN.password,
        OPENKAM_TRUST_PROXY: '1',
      },
    })
    try {
      const res = await tls.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: ADMIN,
        headers: { 'x-forwarded-proto': 'https' },
      })
      expect(res.statusCode).toBe(200)
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/)
    } finally {
      await tls.close()
    }
  })

  it('answers 401 to a wrong password and 429 to the sixth rapid wrong try', async () => {
    const email = `sales@${org.slug}.test`
    for (let i = 1; i <= 5; i++) {
      const res = await login({ email, password: `wrong-${i}` })
      expect(res.statusCode, `try ${i}`).toBe(401)
      expect(res.json().code).toBe('invalid_credentials')
    }
    const sixth = await login({ email, password: 'wrong-6' })
    expect(sixth.statusCode).toBe(429)
    expect(sixth.json().code).toBe('login_throttled')
    // Even the right password waits now; other people are not affected.
    expect((await login({ email, password: 'correct horse battery' })).statusCode).toBe(429)
    expect(
      (await login({ email: `sales2@${org.slug}.test`, password: 'correct horse battery' })).statusCode,
    ).toBe(200)
  })

  it('answers 401 without telling whether the e-mail exists', async () => {
    const res = await login({ email: 'nobody@nowhere.test', password: 'whatever' })
    expect(res.statusCode).toBe(401)
    expect(res.json().detail).toBe('The e-mail or password is not correct')
  })

  it('validates the sign-in body', async () => {
    const res = await login({ email: 'not-an-email' })
    expect(res.statusCode).toBe(400)
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['email', 'password'])
  })

  it('needs a session or token on every other /api/v1 call', async () => {
    const none = await env.app.inject({ url: '/api/v1/accounts' })
    expect(none.statusCode).toBe(401)
    expect(none.headers['content-type']).toMatch(/problem\+json/)
    const bad = await env.app.inject({
      url: '/api/v1/accounts',
      headers: { authorization: 'Bearer oks_nonsense' },
    })
    expect(bad.statusCode).toBe(401)
  })

  it('ends the session on logout', async () => {
    const c = await loginAs(env.app, `manager@${org.slug}.test`)
    const out = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${c.token}` },
    })
    expect(out.statusCode).toBe(204)
    expect((await c.get('/api/v1/auth/me')).status).toBe(401)
  })
})

describe('API tokens', () => {
  it('are shown once, hashed at rest, work as Bearer tokens and stop working when revoked', async () => {
    const created = await org.sales.post('/api/v1/api-tokens', { name: 'ERP sync' })
    expect(created.status).toBe(201)
    const { token, id } = created.body
    expect(token).toMatch(/^okt_/)
    const list = await org.sales.get('/api/v1/api-tokens')
    expect(list.body.data.find((t: { id: string }) => t.id === id)).not.toHaveProperty('token')
    const rows = (await env.rt.database.db.execute(
      `select token_hash from api_tokens where id = '${id}'` as never,
    )) as unknown as {
      rows: { token_hash: string }[]
    }
    expect(rows.rows[0]!.token_hash).not.toContain(token)
    expect(rows.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/)

    const api = caller(env.app, token)
    expect((await api.get('/api/v1/auth/me')).body.email).toBe(`sales@${org.slug}.test`)
    expect((await api.post('/api/v1/accounts', { name: 'Via token' })).status).toBe(201)
    expect((await api.post('/api/v1/api-tokens', { name: 'chained' })).status).toBe(403)

    expect((await org.outsider.del(`/api/v1/api-tokens/${id}`)).status).toBe(404)
    const revoked = await org.sales.del(`/api/v1/api-tokens/${id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).not.toBeNull()
    expect((await api.get('/api/v1/auth/me')).status).toBe(401)
  })

  it('refuses an expiry in the past', async () => {
    const res = await org.sales.post('/api/v1/api-tokens', { name: 'old', expiresAt: '2000-01-01T00:00:00Z' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('expiresAt')
  })
})

describe('changing one’s password', () => {
  it('checks the current password, ends other sessions and keeps this one', async () => {
    const email = `executive-pw@${org.slug}.test`
    const created = await org.admin.post('/api/v1/users', {
      email,
      name: 'PW',
      password: 'first password',
      roles: ['executive'],
    })
    expect(created.status).toBe(201)
    const one = await loginAs(env.app, email, 'first password')
    const two = await loginAs(env.app, email, 'first password')
    const wrong = await one.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'second password',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual([{ path: 'currentPassword', message: 'not correct' }])
    const short = await one.post('/api/v1/auth/password', {
      currentPassword: 'first password',
      newPassword: 'short',
    })
    expect(short.status).toBe(400)
    expect(short.body.errors[0].path).toBe('newPassword')
    const ok = await one.post('/api/v1/auth/password', {
      currentPassword: 'first password',
      newPassword: 'second password',
    })
    expect(ok.status).toBe(204)
    expect((await one.get('/api/v1/auth/me')).status).toBe(200)
    expect((await two.get('/api/v1/auth/me')).status).toBe(401)
    expect((await login({ email, password: 'first password' })).statusCode).toBe(401)
    expect((await login({ email, password: 'second password' })).statusCode).toBe(200)
  })
})
