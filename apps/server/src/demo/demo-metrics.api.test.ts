import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricKeys } from '@openkam/contract'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed'

let env: TestEnv
let admin: Caller

beforeAll(async () => {
  env = await startTestApp({ demo: 'zh-CN' })
  admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
}, 300_000)

afterAll(async () => {
  await env?.close()
})

const get = async (url: string) => {
  const res = await admin.get(url)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

describe('the demo’s metrics', () => {
  it.each(metricKeys)('has figures for %s this quarter or the one before', async (key) => {
    const m = await get(`/api/v1/metrics/${key}?period=quarter`)
    expect(m.value !== null || m.previous !== null).toBe(true)
  })

  it('shows handoffs and go-lives getting faster over the year (the case study’s 15 → 7 days)', async () => {
    const { months } = await get('/api/v1/reports/views/cycle_times')
    const golive = months.filter((m: { goLives: number }) => m.goLives > 0)
    const handoff = months.filter((m: { handoffs: number }) => m.handoffs > 0)
    expect(golive.length).toBeGreaterThanOrEqual(8)
    expect(handoff.length).toBeGreaterThanOrEqual(8)
    const avg = (list: Record<string, number>[], k: string) =>
      list.reduce((n, m) => n + m[k]!, 0) / list.length
    expect(avg(golive.slice(0, 3), 'signedToGoLiveDays')).toBeGreaterThan(12)
    expect(avg(golive.slice(-3), 'signedToGoLiveDays')).toBeLessThan(10)
    expect(avg(handoff.slice(0, 3), 'wonToHandoffDays')).toBeGreaterThan(
      avg(handoff.slice(-3), 'wonToHandoffDays'),
    )
  })

  it('weighs revenue against activity hours and campaign spend named in the demo’s language', async () => {
    const costs = await get('/api/v1/reports/effort-costs')
    expect(costs.campaignSpend['大客户经营峰会·上海站']).toBe(180000)
    const roi = await get('/api/v1/reports/views/roi_of_effort?period=last_90_days')
    expect(roi.total.revenue).toBeGreaterThan(0)
    expect(roi.total.activityCost).toBeGreaterThan(0)
    expect(roi.total.campaignCost).toBeGreaterThan(0)
    expect(roi.byCustomerType.map((r: { key: string }) => r.key)).toEqual(['new', 'existing'])
    expect(roi.bySegment[0].label).toMatch(/ · /)
  })

  it('lists health movers and at-risk accounts, and north-star progress', async () => {
    const movers = await get('/api/v1/reports/views/health_movers')
    expect(movers.up.length + movers.down.length).toBeGreaterThan(0)
    expect((await get('/api/v1/reports/views/at_risk_accounts')).accounts.length).toBeGreaterThan(0)
    const ns = await get('/api/v1/north-star/progress')
    expect(ns.metrics.map((m: { key: string }) => m.key)).toEqual(['nps', 'renewal_rate'])
    expect(
      ns.metrics.every(
        (m: { value: number | null; previous: number | null }) => m.value !== null || m.previous !== null,
      ),
    ).toBe(true)
  })
})
