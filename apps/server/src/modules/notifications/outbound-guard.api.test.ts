import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { startReceiver, startSmtp } from './test-receivers'

// Defect 1 of issue 22: webhooks to http://127.0.0.1:3999/hook or the cloud metadata address were
// accepted, and the test endpoint passed the internal server's answer back to the caller.
let env: TestEnv
let org: Org
const closers: (() => Promise<void>)[] = []
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
}, 60_000)
afterEach(() => vi.unstubAllEnvs())
afterAll(async () => {
  for (const c of closers) await c()
  await env.close()
})

/** The suite allows 127.0.0.0/8 (vitest.config.ts); these tests take the allowance away. */
const withoutAllowance = () => vi.stubEnv('OPENKAM_OUTBOUND_ALLOW', '')

describe('outbound guard', () => {
  it('refuses webhooks to loopback, private and metadata addresses with a 400 naming the url', async () => {
    withoutAllowance()
    for (const url of [
      'http://127.0.0.1:3999/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:3999/hook',
      'http://[::1]/hook',
      'http://10.0.0.7/hook',
    ]) {
      const res = await org.admin.post('/api/v1/webhooks', { name: 'Internal', kind: 'webhook', url })
      expect(res.status, url).toBe(400)
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'url', message: expect.stringMatching(/is a .* address/) }),
      ])
    }
    expect((await org.admin.get('/api/v1/webhooks')).body.data).toHaveLength(0)
  })

  it('says why in Chinese too', async () => {
    withoutAllowance()
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: { name: '内网', kind: 'webhook', url: 'http://169.254.169.254/latest/meta-data/' },
    })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body).errors[0].message).toBe(
      '须为互联网上的地址：169.254.169.254 是链路本地（云元数据）地址（服务器管理员可用 OPENKAM_OUTBOUND_ALLOW 放行）',
    )
  })

  it('refuses changing a webhook’s address to an internal one, and keeps the old address', async () => {
    const created = await org.admin.post('/api/v1/webhooks', {
      name: 'Public',
      kind: 'webhook',
      url: 'https://hooks.example.com/in',
    })
    expect(created.status).toBe(201)
    const res = await org.admin.patch(`/api/v1/webhooks/${created.body.id}`, {
      version: created.body.version,
      url: 'http://169.254.169.254/latest/meta-data/',
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('url')
    expect((await org.admin.get(`/api/v1/webhooks/${created.body.id}`)).body.url).toBe(
      'https://hooks.example.com/in',
    )
    await org.admin.del(`/api/v1/webhooks/${created.body.id}`, { version: created.body.version })
  })

  it('the test endpoint reports status and timing, never the receiver’s answer', async () => {
    const rx = await startReceiver(() => ({ status: 500, body: { leaked: 'internal-database-password' } }))
    closers.push(rx.close)
    const hook = await org.admin.post('/api/v1/webhooks', { name: 'Echo', kind: 'webhook', url: rx.url })
    expect(hook.status).toBe(201)
    const res = await org.admin.post(`/api/v1/webhooks/${hook.body.id}/test`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      ok: false,
      status: 500,
      durationMs: expect.any(Number),
      error: 'The receiver answered HTTP 500',
    })
    expect(JSON.stringify(res.body)).not.toContain('internal-database-password')
  })

  it('checks the address again when sending: a host allowed earlier is refused once it is not', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: { ok: true } }))
    closers.push(rx.close)
    const url = rx.url.replace('127.0.0.1', 'localhost')
    const hook = await org.admin.post('/api/v1/webhooks', { name: 'Later', kind: 'webhook', url })
    expect(hook.status).toBe(201)
    withoutAllowance()
    const res = await org.admin.post(`/api/v1/webhooks/${hook.body.id}/test`)
    expect(res.body.ok).toBe(false)
    expect(res.body.error).toMatch(/Refused to call localhost:\d+: localhost \(.+\) is a loopback address/)
    expect(rx.requests).toHaveLength(0)
  })

  it('refuses an SMTP host or SMS API address on an internal address with a 400 naming each, changing nothing', async () => {
    withoutAllowance()
    const before = (await org.admin.get('/api/v1/notification-settings')).body
    const res = await org.admin.put('/api/v1/notification-settings', {
      version: before.version,
      smtp: { host: '127.0.0.1', port: 25, secure: false, from: 'kam@example.com' },
      sms: {
        provider: 'aliyun',
        enabled: false,
        accessKeyId: 'LTAI5tTEST',
        signName: 'OpenKAM',
        templateCode: 'SMS_1',
        baseUrl: 'http://169.254.169.254/',
      },
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['smtp.host', 'sms.baseUrl'])
    expect((await org.admin.get('/api/v1/notification-settings')).body).toEqual(before)
  })

  it('sends no e-mail through an SMTP server on an internal address', async () => {
    const smtp = await startSmtp()
    closers.push(smtp.close)
    const settings = (await org.admin.get('/api/v1/notification-settings')).body
    const saved = await org.admin.put('/api/v1/notification-settings', {
      version: settings.version,
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'kam@example.com' },
    })
    expect(saved.status).toBe(200)
    withoutAllowance()
    const res = await org.admin.post('/api/v1/notification-settings/test-email', { to: 'a@example.com' })
    expect(res.body.ok).toBe(false)
    expect(res.body.error).toContain('127.0.0.1 is a loopback address')
    expect(smtp.messages).toHaveLength(0)
  })
})
