import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

describe('service tiers', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const account = async (name: string, spend: string) =>
    (await org.sales.post('/api/v1/accounts', { name, annualSpend: { amount: spend, currency: 'CNY' } })).body
  const tierOf = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}`)).body.tier
  const tasksOf = async (id: string) =>
    (await org.admin.get(`/api/v1/tasks?relatedId=${id}&limit=100`)).body.data as { title: string }[]
  const changesOf = async (id: string) =>
    (await org.admin.get(`/api/v1/tier-changes?accountId=${id}`)).body.data as any[]
  const evaluate = async () => {
    const res = await org.admin.post('/api/v1/jobs/run', { job: 'tiers_evaluate' })
    expect(res.status).toBe(200)
    return res.body.result as { changed: number }
  }

  it('starts from the SPEC defaults: 1,000,000 and 100,000 CNY, a package per tier', async () => {
    const res = await org.sales.get('/api/v1/tier-rules')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      strategicMin: '1000000.00',
      growthMin: '100000.00',
      currency: 'CNY',
      leaderIsStrategic: true,
      version: 1,
    })
    expect(res.body.packages.map((p: any) => p.tier)).toEqual(['strategic', 'growth', 'essential'])
    expect(res.body.packages[0].entitlements).toMatchObject({ dedicatedCsm: true, team1PlusN: true })
    const rules = (await org.admin.get('/api/v1/rules?limit=200')).body.data as { name: string }[]
    expect(rules.some((r) => r.name === 'Strategic tier: form the 1+N team')).toBe(true)
  })

  it('refuses unordered or negative thresholds, and non-administrators, changing nothing', async () => {
    const unordered = await org.admin.put('/api/v1/tier-rules', {
      version: 1,
      strategicMin: '100000',
      growthMin: '500000',
    })
    expect(unordered.status).toBe(400)
    expect(unordered.body.errors[0].path).toBe('strategicMin')
    const negative = await org.admin.put('/api/v1/tier-rules', { version: 1, growthMin: '-5' })
    expect(negative.status).toBe(400)
    expect(negative.body.errors.some((e: any) => e.path === 'growthMin')).toBe(true)
    const forbidden = await org.manager.put('/api/v1/tier-rules', { version: 1, growthMin: '200000' })
    expect(forbidden.status).toBe(403)
    expect((await org.admin.get('/api/v1/tier-rules')).body).toMatchObject({
      version: 1,
      growthMin: '100000.00',
    })
  })

  it('changes the tier once when the spend crosses a boundary, and creates the package tasks once', async () => {
    const a = await account('Yangtze Foods', '50000')
    await waitFor(async () => (await tierOf(a.id)) === 'essential')
    expect(await tasksOf(a.id)).toEqual([])

    const cur = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    const up = await org.sales.patch(`/api/v1/accounts/${a.id}`, {
      version: cur.version,
      annualSpend: { amount: '1200000', currency: 'CNY' },
    })
    expect(up.status).toBe(200)
    await waitFor(async () => (await tierOf(a.id)) === 'strategic')
    const tasks = await waitFor(async () => {
      const t = await tasksOf(a.id)
      return t.length >= 3 && t
    })
    expect(tasks.map((t) => t.title).sort()).toEqual([
      'Form the 1+N team for Yangtze Foods',
      'Kick-off meeting with Yangtze Foods',
      'Plan the first quarterly business review with Yangtze Foods',
    ])

    expect((await evaluate()).changed).toBe(0)
    expect((await evaluate()).changed).toBe(0)
    const changes = await changesOf(a.id)
    expect(changes.map((c) => [c.fromTier, c.toTier, c.reason])).toEqual([
      ['essential', 'strategic', 'evaluation'],
      [null, 'essential', 'evaluation'],
    ])
    expect(changes[0]).toMatchObject({
      annualSpend: '1200000.00',
      rule: { strategicMin: '1000000.00', growthMin: '100000.00' },
      toPackage: 'Strategic: 1+N team',
      fromPackage: 'Essential: self-service',
    })
    expect(await tasksOf(a.id)).toHaveLength(3)

    const detail = (await org.sales.get(`/api/v1/accounts/${a.id}/tier`)).body
    expect(detail).toMatchObject({ tier: 'strategic', computedTier: 'strategic', override: null })
    expect(detail.package.entitlements.team1PlusN).toBe(true)
  })

  it('puts exactly 100,000 in growth (closed below)', async () => {
    const a = await account('Boundary Co', '100000')
    await waitFor(async () => (await tierOf(a.id)) === 'growth')
  })

  it('keeps a manager’s override with its reason until it is cleared', async () => {
    const a = await account('Pearl Harbour Logistics', '2000000')
    await waitFor(async () => (await tierOf(a.id)) === 'strategic')

    const refused = await org.sales.put(`/api/v1/accounts/${a.id}/tier/override`, {
      tier: 'growth',
      reason: 'x',
    })
    expect(refused.status).toBe(403)
    const noReason = await org.manager.put(`/api/v1/accounts/${a.id}/tier/override`, { tier: 'growth' })
    expect(noReason.status).toBe(400)

    const res = await org.manager.put(`/api/v1/accounts/${a.id}/tier/override`, {
      tier: 'growth',
      reason: 'One-off project spend; steady state is lower',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      tier: 'growth',
      computedTier: 'strategic',
      override: { tier: 'growth', reason: 'One-off project spend; steady state is lower' },
    })
    expect((await evaluate()).changed).toBe(0)
    expect(await tierOf(a.id)).toBe('growth')
    const cur = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    await org.sales.patch(`/api/v1/accounts/${a.id}`, {
      version: cur.version,
      annualSpend: { amount: '3000000', currency: 'CNY' },
    })
    expect((await evaluate()).changed).toBe(0)
    expect(await tierOf(a.id)).toBe('growth')
    expect((await changesOf(a.id))[0]).toMatchObject({
      fromTier: 'strategic',
      toTier: 'growth',
      reason: 'override',
      note: 'One-off project spend; steady state is lower',
    })

    const cleared = await org.manager.del(`/api/v1/accounts/${a.id}/tier/override`)
    expect(cleared.status).toBe(200)
    expect(cleared.body).toMatchObject({ tier: 'strategic', override: null })
    expect((await changesOf(a.id))[0]).toMatchObject({ toTier: 'strategic', reason: 'override_cleared' })
    expect((await org.manager.del(`/api/v1/accounts/${a.id}/tier/override`)).status).toBe(404)
  })

  it('makes a flagged industry leader strategic whatever it spends', async () => {
    const a = await account('Lingnan Steel', '20000')
    await waitFor(async () => (await tierOf(a.id)) === 'essential')
    const res = await org.manager.put(`/api/v1/accounts/${a.id}/tier/industry-leader`, {
      industryLeader: true,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ tier: 'strategic', industryLeader: true })
  })

  it('re-evaluates every account when the thresholds change', async () => {
    const a = await account('Threshold Mover', '150000')
    await waitFor(async () => (await tierOf(a.id)) === 'growth')
    const rules = (await org.admin.get('/api/v1/tier-rules')).body
    const res = await org.admin.put('/api/v1/tier-rules', { version: rules.version, growthMin: '200000' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ growthMin: '200000.00', version: rules.version + 1 })
    expect(res.body.reevaluated).toBeGreaterThanOrEqual(1)
    expect(await tierOf(a.id)).toBe('essential')
    expect((await changesOf(a.id))[0]).toMatchObject({
      reason: 'rules_changed',
      rule: { growthMin: '200000.00' },
    })
  })

  it('sums accounts and annual spend per tier, with the changes of the last 90 days', async () => {
    const res = await org.admin.get('/api/v1/tiers/summary')
    expect(res.status).toBe(200)
    const strategic = res.body.tiers.find((t: any) => t.tier === 'strategic')
    expect(strategic.accounts).toBeGreaterThanOrEqual(3)
    expect(Number(strategic.arr)).toBeGreaterThanOrEqual(1_200_000 + 3_000_000)
    expect(res.body.changes90d.upgrades).toBeGreaterThanOrEqual(2)
    expect(res.body.changes90d.downgrades).toBeGreaterThanOrEqual(2)
    expect(res.body.recent.length).toBeGreaterThan(0)
  })
})
