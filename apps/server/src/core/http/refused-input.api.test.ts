import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type Res, type TestEnv } from '../../../test/harness'

// Each class of input that once answered 500 (issue 22, defect 6) or was accepted although outside its
// domain (point 3) answers 400 (or 409) naming what was wrong, and changes nothing.
let env: TestEnv
let org: Org
let accountId: string
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  accountId = (await org.admin.post('/api/v1/accounts', { name: 'Acme' })).body.id
}, 60_000)
afterAll(() => env.close())

const paths = (r: Res) => (r.body?.errors ?? []).map((e: { path: string }) => e.path)
const refused = (r: Res, path?: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(400)
  expect(r.headers['content-type']).toMatch(/problem\+json/)
  if (path !== undefined) expect(paths(r)).toContain(path)
}

describe('date filters', () => {
  it.each([
    ['contracts', 'endDate[lte]'],
    ['invoices', 'issueDate[gt]'],
    ['quotes', 'issueDate[gt]'],
    ['payments', 'paidDate'],
  ])('refuses a non-date in %s?%s, naming the parameter (list and export)', async (c, p) => {
    refused(await org.admin.get(`/api/v1/${c}?${p}=abc`), p)
    refused(await org.admin.get(`/api/v1/${c}?${p}=2026-02-30`), p)
    refused(await org.admin.get(`/api/v1/${c}/export?${p}=abc`), p)
    expect((await org.admin.get(`/api/v1/${c}?${p}=2026-02-28`)).status).toBe(200)
  })
  it('refuses a renewal board month before 1900', async () => {
    refused(await org.admin.get('/api/v1/renewals?from=0000-01'), 'from')
  })
})

describe('null for a field the database requires', () => {
  it('is 400 naming the field, and nothing is written', async () => {
    refused(await org.admin.post('/api/v1/tasks', { title: 'Call back', status: null }), 'status')
    refused(
      await org.admin.post('/api/v1/opportunities', { name: 'Deal', accountId, status: null }),
      'status',
    )
    refused(await org.admin.post('/api/v1/tickets', { subject: 'Broken', accountId, type: null }), 'type')
    refused(await org.admin.post('/api/v1/contacts', { name: 'Li', accountId, active: null }), 'active')
    const rule = { name: 'Quiet', type: 'no_login' }
    refused(await org.admin.post('/api/v1/alert-rules', { ...rule, enabled: null }), 'enabled')
    refused(await org.admin.post('/api/v1/alert-rules', { ...rule, notify: null }), 'notify')
    const alert = { accountId, type: 'manual', severity: 'warning', reason: 'Check in' }
    refused(await org.admin.post('/api/v1/alerts', { ...alert, details: null }), 'details')
    expect((await org.admin.get('/api/v1/tasks?q=Call back')).body.data).toHaveLength(0)
    expect((await org.admin.get('/api/v1/opportunities')).body.data).toHaveLength(0)
  })
})

describe('characters and nesting', () => {
  it('refuses a NUL or a lone surrogate in a name, a custom value, a permission key or q', async () => {
    refused(await org.admin.post('/api/v1/accounts', { name: 'A\u0000B' }), 'name')
    refused(await org.admin.post('/api/v1/accounts', { name: 'A\ud800B' }), 'name')
    refused(
      await org.admin.post('/api/v1/accounts', { name: 'Ok', custom: { note: 'x\u0000' } }),
      'custom.note',
    )
    refused(await org.admin.post('/api/v1/roles', { key: 'r1', name: 'R', permissions: ['a\u0000'] }))
    refused(await org.admin.get('/api/v1/accounts?q=a%00b'), 'q')
    const names = (await org.admin.get('/api/v1/accounts?limit=500')).body.data.map(
      (a: { name: string }) => a.name,
    )
    expect(names).toEqual(['Acme'])
  })
  it('refuses JSON nested 10,000 deep inside custom', async () => {
    const payload = `{"name":"Deep","custom":{"x":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { authorization: `Bearer ${org.admin.token}`, 'content-type': 'application/json' },
      payload,
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/nests deeper than 64 levels/)
  })
})

describe('input domains', () => {
  it('refuses negative money, an unknown currency and more decimals than the currency has', async () => {
    refused(
      await org.admin.post('/api/v1/accounts', {
        name: 'N',
        annualRevenue: { amount: '-5', currency: 'CNY' },
      }),
      'annualRevenue.amount',
    )
    refused(
      await org.admin.post('/api/v1/accounts', {
        name: 'N',
        annualRevenue: { amount: '5', currency: 'QQQ' },
      }),
      'annualRevenue.currency',
    )
    refused(
      await org.admin.post('/api/v1/accounts', {
        name: 'N',
        annualRevenue: { amount: '5.50', currency: 'JPY' },
      }),
      'annualRevenue.amount',
    )
    refused(await org.admin.post('/api/v1/opportunities', { name: 'D', accountId, amount: '-1' }), 'amount')
    refused(
      await org.admin.post('/api/v1/opportunities', { name: 'D', accountId, amount: '1', currency: 'QQQ' }),
      'currency',
    )
    const ok = await org.admin.post('/api/v1/accounts', {
      name: 'Yen',
      annualRevenue: { amount: '500', currency: 'JPY' },
    })
    expect(ok.status).toBe(201)
    await org.admin.del(`/api/v1/accounts/${ok.body.id}`, { version: ok.body.version })
  })
  it('gives custom money and percent fields the same domains unless the field says otherwise', async () => {
    const def = (key: string, type: string, extra = {}) =>
      org.admin.post('/api/v1/field-definitions', { object: 'accounts', key, type, label: key, ...extra })
    expect((await def('credit', 'money')).status).toBe(201)
    expect((await def('share', 'percent')).status).toBe(201)
    expect((await def('delta', 'money', { min: -1000 })).status).toBe(201)
    const post = (custom: object) => org.admin.post('/api/v1/accounts', { name: 'C', custom })
    refused(await post({ credit: { amount: '-1', currency: 'CNY' } }), 'custom.credit')
    refused(await post({ credit: { amount: '1', currency: 'QQQ' } }), 'custom.credit')
    refused(await post({ share: 101 }), 'custom.share')
    refused(await post({ share: -1 }), 'custom.share')
    const ok = await post({ delta: { amount: '-20', currency: 'CNY' }, share: 100 })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.custom.delta).toEqual({ amount: '-20.00', currency: 'CNY' })
    // Forms take the same bounds from the object model.
    const fields = (await org.admin.get('/api/v1/objects/accounts')).body.fields as {
      key: string
      min?: number
      max?: number
    }[]
    const bounds = (k: string) => fields.find((f) => f.key === k)
    expect(bounds('credit')).toMatchObject({ min: 0 })
    expect(bounds('share')).toMatchObject({ min: 0, max: 100 })
    expect(bounds('delta')).toMatchObject({ min: -1000 })
  })
  it('checks metric keys and ranges', async () => {
    const post = (body: unknown) => org.admin.post(`/api/v1/accounts/${accountId}/metrics`, body)
    refused(await post({ metric: 'zzz_unknown', value: 1 }), 'metric')
    refused(await post({ metric: 'feature_usage', value: 101 }), 'value')
    refused(await post({ metric: 'nps', value: 10_000_000_000_000_000 }), 'value')
    refused(
      await post([
        { metric: 'nps', value: 10 },
        { metric: 'meeting_minutes', value: -5 },
      ]),
      '1.value',
    )
    expect((await post({ metric: 'feature_usage', value: 100 })).status).toBe(201)
  })
})

describe('everything else the fuzzer found', () => {
  it('answers the same marketing-touch externalId twice with 409', async () => {
    const touch = { accountId, kind: 'email_opened', title: 'Newsletter', externalId: 'mkto-1' }
    expect((await org.admin.post('/api/v1/marketing-touches', touch)).status).toBe(201)
    const again = await org.admin.post('/api/v1/marketing-touches', touch)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('duplicate')
  })
  it('refuses an empty opportunityName before converting the lead', async () => {
    const lead = (await org.admin.post('/api/v1/leads', { name: 'Wu Lei', company: 'Spruce' })).body
    refused(
      await org.admin.post(`/api/v1/leads/${lead.id}/convert`, { opportunityName: '  ' }),
      'opportunityName',
    )
    expect((await org.admin.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('new')
    refused(
      await org.admin.post(`/api/v1/leads/${lead.id}/events`, {
        kind: 'page_visited',
        at: '0020-01-01T00:00:00Z',
      }),
    )
    expect((await org.admin.get(`/api/v1/leads/${lead.id}/events`)).status).toBe(200)
  })
  it('refuses a malformed id in alerts/counts and a backtest of model 0', async () => {
    refused(await org.admin.get('/api/v1/alerts/counts?ownerId=x'))
    expect([400, 404]).toContain((await org.admin.post('/api/v1/health-models/0/backtest', {})).status)
  })
  it.each(['/api/v1/health/board', '/api/v1/potential/ranking', '/api/v1/tier-changes'])(
    'refuses an unknown parameter on %s',
    async (url) => refused(await org.admin.get(`${url}?zzz=1`), 'zzz'),
  )
  it('refuses invalid input on POST /users', async () => {
    const user = { email: 'new@x.test', name: 'New' }
    refused(await org.admin.post('/api/v1/users', { ...user, phone: 'call me' }), 'phone')
    refused(await org.admin.post('/api/v1/users', { ...user, roles: ['sales', 'sales'] }), 'roles')
    expect((await org.admin.get('/api/v1/users?q=new@x.test')).body.data ?? []).toHaveLength(0)
  })
})
