import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './seed'

describe.each([
  ['en', 'ERP in use', 'Site visits'],
  ['zh-CN', '在用 ERP', '现场拜访'],
] as const)('the form engine in the demo (%s)', (lang, erpLabel, visitsLabel) => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp()
    await env.rt.database.db.transaction((tx) => seedDemo(tx, env.rt.events, { lang }))
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

  it('has a site-visit object with a few dozen records related to accounts and contacts', async () => {
    const o = (await admin.get(`/api/v1/objects/site_visits?lang=${lang}`)).body
    expect(o.pluralLabel).toBe(visitsLabel)
    const visits = (await admin.get('/api/v1/objects/site_visits/records?limit=500')).body.data
    expect(visits.length).toBeGreaterThanOrEqual(24)
    expect(visits.every((v: any) => v.custom.account && v.custom.visitDate)).toBe(true)
    expect(visits.filter((v: any) => v.custom.contact).length).toBeGreaterThan(20)
  })
})
