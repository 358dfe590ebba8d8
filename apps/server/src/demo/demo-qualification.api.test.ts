import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './seed'

describe('the qualification part of the demo', () => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp()
    await env.rt.database.db.transaction((tx) => seedDemo(tx, env.rt.events, { lang: 'en' }))
    admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
  }, 120_000)
  afterAll(() => env?.close())

  it('has two ICPs and a fit for every account', async () => {
    expect((await admin.get('/api/v1/icps')).body.data).toHaveLength(2)
    const list = (await admin.get('/api/v1/accounts?limit=500')).body.data
    expect(list.length).toBeGreaterThan(50)
    expect(list.every((a: any) => typeof a.icpFit === 'number')).toBe(true)
    expect(list.some((a: any) => a.icpFit >= 70)).toBe(true)
  })

  it('scores accounts in every class, one at exactly 4.0, with history', async () => {
    const r = (await admin.get('/api/v1/potential/ranking?limit=500')).body
    expect(r.counts.A).toBeGreaterThan(0)
    expect(r.counts.B).toBeGreaterThan(0)
    expect(r.counts.C).toBeGreaterThan(0)
    expect(r.counts.unscored).toBeGreaterThan(0)
    const four = r.data.filter((x: any) => x.total === 4)
    expect(four.length).toBeGreaterThan(0)
    expect(four.every((x: any) => x.class === 'A')).toBe(true)
    const withHistory = await Promise.all(
      r.data
        .slice(0, 12)
        .map(
          async (x: any) =>
            (await admin.get(`/api/v1/accounts/${x.accountId}/potential`)).body.history.length,
        ),
    )
    expect(Math.max(...withHistory)).toBe(2)
  })

  it('places every account in a segment and fills the size × maturity cells', async () => {
    const m = (await admin.get('/api/v1/segments/matrix')).body
    expect(m.unsegmented).toBe(0)
    // Nearly every demo account has a deal or a contract: the cells without one are the rarest.
    const filled = m.cells.filter((c: any) => c.size !== 'unknown' && c.count > 0)
    expect(filled.length).toBeGreaterThanOrEqual(11)
    expect(new Set(filled.map((c: any) => c.maturity))).toEqual(
      new Set(['awareness', 'evaluation', 'decision', 'retention']),
    )
    expect(new Set(filled.map((c: any) => c.size))).toEqual(new Set(['large', 'growth', 'small']))
    expect(m.cells.reduce((a: number, c: any) => a + c.count, 0)).toBe(m.total)
    const manu = (await admin.get('/api/v1/segments/matrix?industry=manufacturing')).body
    expect(manu.cells.find((c: any) => c.key === 'large:evaluation').strategy).toContain('Plant visit')
  })
})
