import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

/** A calendar date from today in China Standard Time, the business calendar of the scan and the board. */
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

describe('renewals', () => {
  let env: TestEnv
  let org: Org
  let acme: any
  let beta: any
  const contracts: Record<string, any> = {}

  // An approved contract comes through its approval flow; administrators may enter one as it is (history).
  const contract = async (key: string, accountId: string, over: Record<string, unknown>) => {
    const by = over.status === 'approved' ? org.admin : org.sales
    const res = await by.post('/api/v1/contracts', {
      ownerId: org.sales.userId,
      accountId,
      number: `C-${key}`,
      amount: '120000.00',
      status: 'active',
      startDate: day(-300),
      ...over,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    contracts[key] = res.body
    return res.body
  }

  const scan = () => org.admin.post('/api/v1/jobs/run', { job: 'renewals_scan' })

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    acme = (await org.sales.post('/api/v1/accounts', { name: 'Acme Renewals', csmId: org.sales2.userId }))
      .body
    beta = (await org.sales.post('/api/v1/accounts', { name: 'Beta Renewals' })).body
    await contract('80', acme.id, { endDate: day(80) })
    await contract('200', acme.id, { endDate: day(200) })
    await contract('draft60', acme.id, { endDate: day(60), status: 'draft' })
    await contract('beta80', beta.id, {
      endDate: day(80),
      amount: '5000.50',
      currency: 'USD',
      status: 'approved',
    })
    await contract('past', beta.id, { startDate: day(-765), endDate: day(-400) })
    // Beta is scored at risk by the health engine (16 + 15 + 0 + 10 = 41); Acme is not scored.
    const scored = await org.admin.post(`/api/v1/accounts/${beta.id}/metrics`, [
      { metric: 'feature_usage', value: 40 },
      { metric: 'meeting_minutes', value: 60 },
      { metric: 'issue_feedback', value: 10 },
      { metric: 'nps', value: 100 },
    ])
    expect(scored.status, JSON.stringify(scored.body)).toBe(201)
  }, 60_000)
  afterAll(() => env?.close())

  it('gives a contract ending in 80 days exactly one re-check task and one draft opportunity however often the scan runs', async () => {
    const first = await scan()
    expect(first.status).toBe(200)
    expect(first.body.result).toEqual({ started: 2 })
    const again = await Promise.all([scan(), scan(), scan()])
    expect(again.map((r) => r.body.result.started)).toEqual([0, 0, 0])
    expect((await scan()).body.result.started).toBe(0)

    const c = contracts['80']
    const tasks = (await org.admin.get(`/api/v1/tasks?relatedId=${c.id}`)).body.data
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({
      title: `Re-check needs before C-80 ends (${day(80)})`,
      assigneeId: org.sales2.userId,
      accountId: acme.id,
      relatedType: 'contract',
      priority: 'high',
      source: 'sop',
      status: 'open',
    })
    const opps = (await org.admin.get(`/api/v1/opportunities?accountId=${acme.id}&type=renewal`)).body.data
    expect(opps).toHaveLength(1)
    expect(opps[0]).toMatchObject({
      name: 'Renewal: Acme Renewals (C-80)',
      amount: '120000.00',
      currency: 'CNY',
      status: 'open',
      stage: 'discovery',
      type: 'renewal',
      expectedCloseDate: day(80),
      ownerId: org.sales.userId,
    })
    // Without a CSM the task goes to the account's owner.
    const betaTask = (await org.admin.get(`/api/v1/tasks?relatedId=${contracts.beta80.id}`)).body.data
    expect(betaTask.map((t: any) => t.assigneeId)).toEqual([org.sales.userId])
  })

  it('starts nothing for a contract ending in 200 days, a draft, or one that already ended', async () => {
    for (const key of ['200', 'draft60', 'past']) {
      expect((await org.admin.get(`/api/v1/tasks?relatedId=${contracts[key].id}`)).body.data).toEqual([])
    }
    const opps = (await org.admin.get(`/api/v1/opportunities?type=renewal`)).body.data
    expect(opps.map((o: any) => o.name).sort()).toEqual([
      'Renewal: Acme Renewals (C-80)',
      'Renewal: Beta Renewals (C-beta80)',
    ])
  })

  it('shows the renewal board by month with amounts per currency and risk', async () => {
    const month = day(80).slice(0, 7)
    const res = await org.admin.get(`/api/v1/renewals?from=${month}&to=${month}`)
    expect(res.status).toBe(200)
    expect(res.body.months).toHaveLength(1)
    const m = res.body.months[0]
    expect(m).toMatchObject({ month, count: 2, atRisk: 1 })
    expect(m.totals).toEqual([
      { currency: 'CNY', amount: '120000.00' },
      { currency: 'USD', amount: '5000.50' },
    ])
    const byNumber = Object.fromEntries(m.contracts.map((c: any) => [c.number, c]))
    const opp = (await org.admin.get(`/api/v1/opportunities?accountId=${acme.id}&type=renewal`)).body.data[0]
    const task = (await org.admin.get(`/api/v1/tasks?relatedId=${contracts['80'].id}`)).body.data[0]
    expect(byNumber['C-80']).toMatchObject({
      accountName: 'Acme Renewals',
      endDate: day(80),
      daysLeft: 80,
      risk: null,
      healthScore: null,
      amount: { amount: '120000.00', currency: 'CNY' },
      renewalOpportunityId: opp.id,
      renewalTaskId: task.id,
      csmId: org.sales2.userId,
    })
    expect(byNumber['C-beta80']).toMatchObject({ risk: 'at_risk', healthScore: 41, status: 'approved' })

    // Default: this month and the next two; months without renewals are on the board too.
    const def = (await org.admin.get('/api/v1/renewals')).body
    expect(def.months).toHaveLength(3)
    expect(def.from).toBe(day(0).slice(0, 7))
    const wide = (
      await org.admin.get(`/api/v1/renewals?from=${day(0).slice(0, 7)}&to=${day(230).slice(0, 7)}`)
    ).body
    expect(wide.months.reduce((s: number, x: any) => s + x.count, 0)).toBe(3)
    expect(wide.totals).toEqual([
      { currency: 'CNY', amount: '240000.00' },
      { currency: 'USD', amount: '5000.50' },
    ])
  })

  it('refuses a reversed or too long period and shows people only the contracts they may see', async () => {
    expect((await org.admin.get('/api/v1/renewals?from=2026-05&to=2026-04')).status).toBe(400)
    expect((await org.admin.get('/api/v1/renewals?from=2026-01&to=2028-01')).status).toBe(400)
    expect((await org.admin.get('/api/v1/renewals?from=2026-13')).status).toBe(400)
    const month = day(80).slice(0, 7)
    const outsider = (await org.outsider.get(`/api/v1/renewals?from=${month}&to=${month}`)).body
    expect(outsider.months[0].count).toBe(0)
    // The CSM of Acme sees Acme's contracts, not Beta's.
    const csm = (await org.sales2.get(`/api/v1/renewals?from=${month}&to=${month}`)).body
    expect(csm.months[0].contracts.map((c: any) => c.number)).toEqual(['C-80'])
  })

  it("lists an account's renewable contracts, soonest first", async () => {
    const res = await org.sales.get(`/api/v1/accounts/${acme.id}/renewals`)
    expect(res.status).toBe(200)
    expect(res.body.data.map((c: any) => [c.number, c.daysLeft])).toEqual([
      ['C-80', 80],
      ['C-200', 200],
    ])
    expect(res.body.data[1].renewalOpportunityId).toBeNull()
    expect((await org.outsider.get(`/api/v1/accounts/${acme.id}/renewals`)).status).toBe(404)
  })
})
