import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { startReceiver } from './test-receivers'

const LIMIT = 987654
const SUB = 'Secret steel'

/**
 * Field-level security (SPEC R-23) beyond the record endpoints: what webhooks, robots and notification
 * texts carry. Sales may not see the accounts' credit limit (custom) nor their sub-industry (built-in).
 */
describe('field-level security of webhooks and notifications', () => {
  let env: TestEnv
  let org: Org
  const closers: (() => Promise<void>)[] = []

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const def = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'creditLimit',
      label: 'Credit limit',
      type: 'number',
    })
    expect(def.status, JSON.stringify(def.body)).toBe(201)
    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { 'custom.creditLimit': 'hidden', subIndustry: 'hidden' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await env?.close()
    for (const c of closers) await c()
  })

  const receiver = async () => {
    const rx = await startReceiver(() => ({ status: 200, body: { errcode: 0 } }))
    closers.push(rx.close)
    return rx
  }
  const webhook = async (url: string, extra: Record<string, unknown>) => {
    const res = await org.admin.post('/api/v1/webhooks', {
      name: `Hook ${url}`,
      kind: 'webhook',
      url,
      ...extra,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  it('refuses a webhook naming a role that does not exist, and keeps the role it names', async () => {
    const bad = await org.admin.post('/api/v1/webhooks', {
      name: 'Bad',
      kind: 'webhook',
      url: 'http://127.0.0.1:9/x',
      fieldAccessRole: 'nosuchrole',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['fieldAccessRole'])
    expect((await org.admin.get('/api/v1/webhooks?q=Bad')).body.data).toEqual([])
    const made = await webhook('http://127.0.0.1:9/y', { fieldAccessRole: 'finance' })
    expect(made.fieldAccessRole).toBe('finance')
    const cleared = await org.admin.patch(`/api/v1/webhooks/${made.id}`, {
      version: made.version,
      fieldAccessRole: null,
    })
    expect(cleared.body.fieldAccessRole).toBeNull()
    await org.admin.del(`/api/v1/webhooks/${made.id}`)
  })

  it('forwards events without the fields hidden from the webhook’s role, or from any role when it names none', async () => {
    const strict = await receiver()
    const asAdmin = await receiver()
    const asSales = await receiver()
    await webhook(`${strict.url}/strict`, { events: ['account.created'] })
    await webhook(`${asAdmin.url}/admin`, { events: ['account.created'], fieldAccessRole: 'admin' })
    await webhook(`${asSales.url}/sales`, { events: ['account.created'], fieldAccessRole: 'sales' })
    const acc = await org.admin.post('/api/v1/accounts', {
      name: 'Hooked Co',
      subIndustry: SUB,
      ownerId: org.sales.userId,
      custom: { creditLimit: LIMIT },
    })
    expect(acc.status, JSON.stringify(acc.body)).toBe(201)
    const got = (rx: { requests: { json: any }[] }) =>
      rx.requests.find((r) => r.json?.entityId === acc.body.id)?.json
    await waitFor(() => !!got(strict) && !!got(asAdmin) && !!got(asSales), 50_000)
    expect(got(asAdmin).payload.record.subIndustry).toBe(SUB)
    expect(got(asAdmin).payload.record.custom.creditLimit).toBe(LIMIT)
    for (const rx of [strict, asSales]) {
      const rec = got(rx).payload.record
      expect(rec.name).toBe('Hooked Co')
      expect(rec).not.toHaveProperty('subIndustry')
      expect(rec.custom).not.toHaveProperty('creditLimit')
      expect(JSON.stringify(got(rx))).not.toContain(String(LIMIT))
    }
  }, 60_000)

  it('renders a rule’s notification per reader: a hidden field’s placeholder is empty for whoever may not see it', async () => {
    const robot = await receiver()
    const wecom = await org.admin.post('/api/v1/webhooks', {
      name: 'Group',
      kind: 'wecom',
      url: `${robot.url}/r`,
    })
    const hook = await receiver()
    const called = await webhook(`${hook.url}/rule`, {})
    const rule = await org.admin.post('/api/v1/rules', {
      name: 'Credit watch',
      conditions: { all: [{ field: 'name', op: 'eq', value: 'Noticed Co' }] },
      trigger: { kind: 'record_created', entity: 'account' },
      actions: [
        {
          type: 'notify',
          to: [
            { kind: 'user', userId: org.sales.userId },
            { kind: 'user', userId: org.admin.userId },
          ],
          channels: ['in_app', 'wecom'],
          webhookId: wecom.body.id,
          subject: 'New account {{record.name}} [{{record.subIndustry}}]',
          body: 'Credit limit: {{record.custom.creditLimit}}.',
        },
        { type: 'call_webhook', webhookId: called.id },
      ],
    })
    expect(rule.status, JSON.stringify(rule.body)).toBe(201)
    const acc = await org.admin.post('/api/v1/accounts', {
      name: 'Noticed Co',
      subIndustry: SUB,
      ownerId: org.sales.userId,
      custom: { creditLimit: LIMIT },
    })
    expect(acc.status).toBe(201)
    const mine = async (who: typeof org.sales) =>
      (await who.get('/api/v1/notifications?limit=100')).body.data.filter(
        (n: any) => n.relatedId === acc.body.id,
      )
    await waitFor(
      async () => (await mine(org.sales)).length === 1 && (await mine(org.admin)).length === 1,
      50_000,
    )
    const [forSales] = await mine(org.sales)
    const [forAdmin] = await mine(org.admin)
    expect(forAdmin).toMatchObject({
      subject: `New account Noticed Co [${SUB}]`,
      body: `Credit limit: ${LIMIT}.`,
    })
    expect(forSales).toMatchObject({ subject: 'New account Noticed Co []', body: 'Credit limit: .' })
    // The run log shows a person the texts of their own deliveries only; administrators see them all.
    const runs = (await org.sales.get(`/api/v1/rule-runs?ruleId=${rule.body.id}`)).body.data
    expect(runs).toHaveLength(1)
    const seen = async (who: typeof org.sales) =>
      (await who.get(`/api/v1/rule-runs/${runs[0].id}`)).body.deliveries.filter(
        (d: any) => d.channel === 'in_app',
      )
    const salesView = await seen(org.sales)
    expect(salesView).toHaveLength(2)
    expect(salesView.find((d: any) => d.userId === org.admin.userId).subject).toBe('')
    expect(salesView.find((d: any) => d.userId === org.sales.userId).subject).toBe(forSales.subject)
    expect(JSON.stringify(salesView)).not.toContain(String(LIMIT))
    expect((await seen(org.admin)).find((d: any) => d.userId === org.admin.userId).body).toBe(
      `Credit limit: ${LIMIT}.`,
    )
    // The group robot and the rule's webhook have no role: they get what no role has hidden.
    await waitFor(() => robot.requests.length >= 2 && hook.requests.length >= 1, 50_000)
    for (const r of [...robot.requests, ...hook.requests]) {
      expect(r.raw).toContain('Noticed Co')
      expect(r.raw).not.toContain(String(LIMIT))
      expect(r.raw).not.toContain(SUB)
    }
  }, 60_000)
})
