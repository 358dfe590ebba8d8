import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed'

let env: TestEnv
let admin: Caller

beforeAll(async () => {
  env = await startTestApp({ demo: 'en' })
  admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
}, 300_000)
afterAll(() => env?.close())

describe('the churn part of the demo', () => {
  it('starts with a model trained on its renewals and churns that would have flagged the churns', async () => {
    const m = (await admin.get('/api/v1/insights/churn-model')).body
    expect(m).toMatchObject({ status: 'trained' })
    expect(m.samples).toBeGreaterThanOrEqual(30)
    expect(m.auc).toBeGreaterThanOrEqual(0.8)
    const list = (await admin.get('/api/v1/insights/churn-risk?limit=10')).body
    expect(list.total).toBeGreaterThanOrEqual(80)
    expect(list.data[0].probability).toBeGreaterThan(list.data[9].probability)
    expect(list.data[0].drivers.length).toBeGreaterThan(0)
    const one = (await admin.get(`/api/v1/accounts/${list.data[0].accountId}/churn-risk`)).body
    expect(one).toMatchObject({ status: 'scored', probability: list.data[0].probability })
  })
})
