import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

describe('POST /leads/:id/convert', () => {
  it('creates an account, a contact and an opportunity, and marks the lead converted', async () => {
    const lead = (
      await org.sales.post('/api/v1/leads', {
        name: 'Zhou Min',
        company: 'Haichuan Energy',
        email: 'zm@haichuan.example',
        industry: 'energy',
        source: 'event',
      })
    ).body
    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { amount: '250000' })
    expect(res.status).toBe(200)
    expect(res.body.lead).toMatchObject({ status: 'converted', convertedAccountId: res.body.accountId })
    expect(res.body.contact).toMatchObject({
      name: 'Zhou Min',
      email: 'zm@haichuan.example',
      accountId: res.body.accountId,
    })
    expect(res.body.opportunity).toMatchObject({
      stage: 'discovery',
      status: 'open',
      amount: '250000.00',
      source: 'event',
    })
    const acc = await org.sales.get(`/api/v1/accounts/${res.body.accountId}`)
    expect(acc.body).toMatchObject({
      name: 'Haichuan Energy',
      industry: 'energy',
      lifecycleStage: 'opportunity',
    })
    const again = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, {})
    expect(again.status).toBe(422)
    expect(again.body.code).toBe('lead_converted')
  })

  it('offers the existing account of the same name instead of creating a duplicate', async () => {
    const existing = (await org.sales.post('/api/v1/accounts', { name: 'Spruce Retail' })).body
    const lead = (await org.sales.post('/api/v1/leads', { name: 'Wu Lei', company: 'spruce retail' })).body
    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, {})
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({
      code: 'possible_duplicate',
      candidates: [{ id: existing.id, name: 'Spruce Retail' }],
    })
    expect((await org.sales.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('new')
    const merged = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { accountId: existing.id })
    expect(merged.status).toBe(200)
    expect(merged.body.accountId).toBe(existing.id)
  })
})
