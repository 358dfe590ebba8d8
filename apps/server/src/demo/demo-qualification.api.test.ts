import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed'

describe.each([
  ['en', 'Plant visit'],
  ['zh-CN', '工厂实地考察'],
] as const)('the qualification part of the demo (%s)', (lang, plantVisit) => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp({ demo: lang })
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

  it('places every account in a segment and has accounts in every cell of the matrix', async () => {
    const m = (await admin.get('/api/v1/segments/matrix')).body
    expect(m.unsegmented).toBe(0)
    expect(m.cells.reduce((a: number, c: any) => a + c.count, 0)).toBe(m.total)
    // The matrix shows large, growth and small by the four maturities (unknown only when it has accounts).
    const shown = m.cells.filter((c: any) => c.size !== 'unknown')
    expect(shown).toHaveLength(12)
    const empty = shown.filter((c: any) => c.count < 1).map((c: any) => c.key)
    expect(empty).toEqual([])
    expect(m.cells.filter((c: any) => c.size === 'unknown' && c.count > 0)).toEqual([])
    const manu = (await admin.get('/api/v1/segments/matrix?industry=manufacturing')).body
    expect(manu.cells.find((c: any) => c.key === 'large:evaluation').strategy).toContain(plantVisit)
  })

  it('flags A-class accounts without an owner and without a plan on the ranking', async () => {
    const r = (await admin.get('/api/v1/potential/ranking?class=A&flagged=true&limit=500')).body
    expect(r.counts.aWithoutOwner).toBeGreaterThanOrEqual(1)
    expect(r.counts.aWithoutPlan).toBeGreaterThanOrEqual(1)
    const noOwner = r.data.filter((x: any) => x.flags.includes('no_owner'))
    expect(noOwner.length).toBe(r.counts.aWithoutOwner)
    expect(noOwner.every((x: any) => x.class === 'A' && x.owner === null)).toBe(true)
    // An owned account without a plan, too: the flags are two different stories.
    const unplanned = r.data.filter((x: any) => x.flags.includes('no_plan') && x.owner !== null)
    expect(unplanned.length).toBeGreaterThanOrEqual(1)
    expect(unplanned.every((x: any) => x.openOpportunities === 0 && x.openTasks === 0)).toBe(true)
  })
})
