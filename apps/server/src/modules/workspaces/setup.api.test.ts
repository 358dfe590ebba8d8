import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestEnv } from '../../../test/harness'

let env: TestEnv
beforeAll(async () => {
  env = await startTestApp()
})
afterAll(() => env?.close())

const body = (over: Record<string, unknown> = {}) => ({
  workspaceName: 'Nanjing Gas KAM',
  locale: 'en',
  template: 'standard',
  adminName: 'Wang Fang',
  email: 'Wang.Fang@example.com',
  password: 'first-admin-pw',
  ...over,
})
const post = (payload: unknown, ip = '10.0.0.1') =>
  env.app.inject({ method: 'POST', url: '/api/v1/setup', payload: payload as object, remoteAddress: ip })

describe('first run', () => {
  it('says setup is needed while the installation is empty, and that there is no demo', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/setup' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ needed: true, demo: false })
  })

  it('refuses bad input with every field named and creates nothing', async () => {
    const res = await post(body({ workspaceName: ' ', email: 'nope', password: 'short', template: 'x' }))
    expect(res.statusCode).toBe(400)
    const paths = res.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['workspaceName', 'email', 'password', 'template']))
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/setup' })).json().needed).toBe(true)
  })

  it('creates the workspace and its administrator once, signs them in, and answers 409 to a racing second call', async () => {
    const [a, b] = await Promise.all([
      post(body()),
      post(body({ email: 'other@example.com', workspaceName: 'Other' }), '10.0.0.2'),
    ])
    const statuses = [a.statusCode, b.statusCode].sort()
    expect(statuses).toEqual([201, 409])
    const won = a.statusCode === 201 ? a : b
    const lost = a.statusCode === 201 ? b : a
    expect(lost.json().code).toBe('already_set_up')
    expect(won.headers['set-cookie']).toMatch(/openkam_session|session/)
    const token = won.json().token as string
    const me = await env.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.statusCode).toBe(200)
    const winner = won === a ? body() : body({ email: 'other@example.com', workspaceName: 'Other' })
    expect(me.json()).toMatchObject({
      email: String(winner.email).toLowerCase(),
      roles: ['admin'],
      workspace: { name: winner.workspaceName, locale: 'en' },
    })
    // The default template came with it: the pipeline's stages and the health model.
    const pipelines = await env.app.inject({
      method: 'GET',
      url: '/api/v1/pipelines',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(pipelines.json().data.length).toBeGreaterThan(0)
    const users = await env.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(users.json().data).toHaveLength(1)
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
      needed: false,
      demo: false,
    })
  })

  it('answers 409 once the installation is set up, and changes nothing', async () => {
    const res = await post(body({ email: 'late@example.com' }), '10.0.0.3')
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('already_set_up')
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'late@example.com', password: 'first-admin-pw' },
    })
    expect(login.statusCode).toBe(401)
  })

  it('is rate-limited like sign-in', async () => {
    const codes: number[] = []
    for (let i = 0; i < 12; i++) codes.push((await post(body(), '10.0.0.9')).statusCode)
    expect(codes).toContain(429)
  })
})
