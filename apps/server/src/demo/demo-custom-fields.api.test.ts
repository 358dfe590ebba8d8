import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, waitFor, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed'

describe.each([
  ['en', 'ERP in use', 'Site visits'],
  ['zh-CN', '在用 ERP', '现场拜访'],
] as const)('the form engine in the demo (%s)', (lang, erpLabel, visitsLabel) => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp({ demo: lang })
    admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
  }, 120_000)
  afterAll(() => env?.close())

  it('has custom fields on accounts with values on every account, filterable by their index', async () => {
    const o = (await admin.get(`/api/v1/objects/accounts?lang=${lang}`)).body
    const custom = o.fields.filter((f: any) => f.custom)
    expect(custom.map((f: any) => f.key)).toEqual([
      'erp',
      'creditLimit',
      'spendPerEmployee',
      'referenceCustomer',
      'openTickets',
    ])
    expect(custom[0].label).toBe(erpLabel)
    const defs = (await admin.get('/api/v1/field-definitions?object=accounts')).body.data
    expect(defs.filter((d: any) => d.filterable).every((d: any) => d.indexStatus === 'ready')).toBe(true)
    const list = (await admin.get('/api/v1/accounts?limit=500')).body.data
    expect(list.every((a: any) => typeof a.custom.erp === 'string')).toBe(true)
    expect(list.some((a: any) => typeof a.custom.spendPerEmployee === 'number')).toBe(true)
    const sap = (await admin.get('/api/v1/accounts?custom.erp=sap&limit=500')).body.data
    expect(sap.length).toBeGreaterThan(5)
    expect(sap.every((a: any) => a.custom.erp === 'sap')).toBe(true)
  })

  it('keeps the credit limit for finance and administrators, counts open tickets, and has a designed account form', async () => {
    const sales = await loginAs(env.app, 'chen.jie@demo.openkam.local', DEMO_PASSWORD)
    const finance = await loginAs(env.app, 'qian.li@demo.openkam.local', DEMO_PASSWORD)
    const mine = (await sales.get('/api/v1/accounts?limit=5')).body.data
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((a: any) => !('creditLimit' in a.custom))).toBe(true)
    const withCredit = (await finance.get('/api/v1/accounts?limit=500')).body.data.filter(
      (a: any) => a.custom.creditLimit,
    )
    expect(withCredit.length).toBeGreaterThan(10)
    const all = (await admin.get('/api/v1/accounts?limit=500')).body.data
    expect(all.every((a: any) => typeof a.custom.openTickets === 'number')).toBe(true)
    expect(all.some((a: any) => a.custom.openTickets > 0)).toBe(true)
    const layout = (await admin.get(`/api/v1/objects/accounts/layout?lang=${lang}`)).body
    expect(layout.designed).toBe(true)
    expect(layout.sections.length).toBeGreaterThanOrEqual(4)
    expect(layout.sections.find((s: any) => s.id === 'erp_details').visibleWhen).toEqual({
      field: 'custom.erp',
      op: 'not_empty',
    })
  })

  it('has a site-visit object with a few dozen records related to accounts and contacts', async () => {
    const o = (await admin.get(`/api/v1/objects/site_visits?lang=${lang}`)).body
    expect(o.pluralLabel).toBe(visitsLabel)
    const visits = (await admin.get('/api/v1/objects/site_visits/records?limit=500')).body.data
    expect(visits.length).toBeGreaterThanOrEqual(24)
    expect(visits.every((v: any) => v.custom.account && v.custom.visitDate)).toBe(true)
    expect(visits.filter((v: any) => v.custom.contact).length).toBeGreaterThan(20)
  })

  it('has a rule on site visits: a poor visit gives its owner a follow-up task on the account', async () => {
    const rules = (await admin.get('/api/v1/rules?triggerEntity=custom:site_visits')).body.data
    expect(rules.map((r: any) => r.template)).toEqual(['demo_site_visit_follow_up'])
    const visit = (await admin.get('/api/v1/objects/site_visits/records?limit=1')).body.data[0]
    const made = await admin.post('/api/v1/objects/site_visits/records', {
      name: 'Rule check',
      ownerId: visit.ownerId,
      custom: { account: visit.custom.account, visitDate: visit.custom.visitDate, outcome: 'poor' },
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const run = await waitFor(async () =>
      (await admin.get(`/api/v1/rule-runs?ruleId=${rules[0].id}&entityId=${made.body.id}`)).body.data.find(
        (r: any) => r.status !== 'running',
      ),
    )
    expect(run.status, JSON.stringify(run)).toBe('succeeded')
    const tasks = (await admin.get(`/api/v1/tasks?accountId=${visit.custom.account}&source=rule&limit=500`))
      .body.data
    expect(tasks.some((t: any) => t.id === run.actions[0].detail.taskId && t.priority === 'high')).toBe(true)
  })
})
