import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

// Defect 5 of issue 22: cookie-authenticated writes were guarded by SameSite alone.
let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp({ env: { OPENKAM_ALLOWED_ORIGINS: 'https://kam.example.com' } })
  org = await makeOrg(env)
}, 60_000)
afterAll(() => env.close())

const write = (headers: Record<string, string>, name = 'Origin test') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: { host: 'openkam.local:3000', ...headers },
    payload: { name },
  })
const cookie = () => `openkam_session=${org.admin.token}`

describe('Origin of cookie-authenticated writes', () => {
  it('refuses a write with the session cookie from another site, and writes nothing', async () => {
    const res = await write({ cookie: cookie(), origin: 'https://evil.example' }, 'Forged account')
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(JSON.parse(res.body)).toMatchObject({ code: 'cross_origin' })
    const list = await org.admin.get('/api/v1/accounts?q=Forged')
    expect(list.body.data).toHaveLength(0)
  })

  it('reads the Referer when there is no Origin; a malformed or opaque origin is foreign', async () => {
    const viaReferer = await write({ cookie: cookie(), referer: 'https://evil.example/page?x=1' })
    expect(viaReferer.statusCode).toBe(403)
    const opaque = await write({ cookie: cookie(), origin: 'null' })
    expect(opaque.statusCode).toBe(403)
  })

  it('accepts the server’s own origin, a configured origin, and cookie requests from no page', async () => {
    expect((await write({ cookie: cookie(), origin: 'http://openkam.local:3000' })).statusCode).toBe(201)
    expect(
      (await write({ cookie: cookie(), referer: 'http://openkam.local:3000/accounts' })).statusCode,
    ).toBe(201)
    expect((await write({ cookie: cookie(), origin: 'https://kam.example.com' })).statusCode).toBe(201)
    expect((await write({ cookie: cookie() })).statusCode).toBe(201)
  })

  it('leaves reads, bearer-token writes and cookie-less public endpoints alone', async () => {
    const read = await env.app.inject({
      method: 'GET',
      url: '/api/v1/accounts',
      headers: { cookie: cookie(), origin: 'https://evil.example' },
    })
    expect(read.statusCode).toBe(200)
    const bearer = await write({ authorization: `Bearer ${org.admin.token}`, origin: 'https://evil.example' })
    expect(bearer.statusCode).toBe(201)
    // Sign-in from another site carries no cookie: it is the password that is checked.
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'nobody@example.com', password: 'wrong password' },
    })
    expect(login.statusCode).toBe(401)
  })
})
