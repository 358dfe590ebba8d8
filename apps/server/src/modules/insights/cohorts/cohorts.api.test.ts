import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../../test/harness'
import { newId } from '../../../core/ids'
import { accounts } from '../../accounts'
import { contracts } from '../../commerce'
import { marketingTouches } from '../../marketing'
import { opportunities } from '../../opportunities'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const SEMINAR = {
  'marketing-touches.kind': 'event_attended',
  'marketing-touches.campaign': 'Offline seminar',
}

/**
 * 40 accounts whose people attended the offline seminar (S1–S40) and 40 others (O1–O40; O31–O40 owned by
 * the outsider). Each had a contract that ended 100 days ago; 32 of the seminar's and 20 of the others'
 * (5 of the outsider's) were renewed by a contract running from then for a year. S1–S10 are strategic.
 */
describe('cohorts', () => {
  let env: TestEnv
  let org: Org
  const compare = (body: unknown, who: keyof Omit<Org, 'wsId' | 'slug'> = 'admin') =>
    org[who].post('/api/v1/insights/cohorts', body)

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const ws = org.wsId
    const acc: (typeof accounts.$inferInsert)[] = []
    const con: (typeof contracts.$inferInsert)[] = []
    const touch: (typeof marketingTouches.$inferInsert)[] = []
    const opp: (typeof opportunities.$inferInsert)[] = []
    const contract = (accountId: string, n: string, startDate: string, endDate: string, status: string) =>
      con.push({
        id: newId(),
        workspaceId: ws,
        accountId,
        number: n,
        amount: '120000.00',
        status,
        startDate,
        endDate,
      })
    for (const side of ['S', 'O'] as const) {
      for (let i = 1; i <= 40; i++) {
        const id = newId()
        const outsider = side === 'O' && i > 30
        const strategic = side === 'S' && i <= 10
        const score = side === 'S' ? [60, 70, 80][i - 1] : [40, 50, 60][i - 1]
        acc.push({
          id,
          workspaceId: ws,
          name: `${side}${i}`,
          ownerId: outsider ? org.outsider.userId : org.sales.userId,
          tier: strategic ? 'strategic' : 'growth',
          healthScore: score === undefined ? null : String(score),
        })
        contract(id, `${side}${i}-1`, day(-465), day(-100), 'ended')
        const renewed = side === 'S' ? i <= 32 : outsider ? i <= 35 : i <= 15
        if (renewed) contract(id, `${side}${i}-2`, day(-99), day(266), 'active')
        const t = { workspaceId: ws, accountId: id, occurredAt: new Date(), title: 'touch' }
        if (side === 'S')
          touch.push({ ...t, id: newId(), kind: 'event_attended', campaign: 'Offline seminar' })
        // Others went to a trade fair (an event, not the seminar) or to the seminar's webinar.
        if (side === 'O' && i <= 5)
          touch.push({ ...t, id: newId(), kind: 'event_attended', campaign: 'Trade fair' })
        if (side === 'O' && i > 5 && i <= 10)
          touch.push({ ...t, id: newId(), kind: 'webinar_attended', campaign: 'Offline seminar' })
        if (i <= 10) {
          const won = side === 'S' ? i <= 6 : i <= 2
          opp.push({
            id: newId(),
            workspaceId: ws,
            accountId: id,
            name: `deal ${side}${i}`,
            status: won ? 'won' : 'lost',
          })
        }
      }
    }
    const db = env.rt.database.db
    await db.transaction(async (tx) => {
      await tx.insert(accounts).values(acc)
      await tx.insert(contracts).values(con)
      await tx.insert(marketingTouches).values(touch)
      await tx.insert(opportunities).values(opp)
    })
  }, 180_000)
  afterAll(() => env?.close())

  it('lists the accounts a related record matches, all of its filters on the same record', async () => {
    const q = new URLSearchParams({ ...SEMINAR, limit: '500' })
    const res = await org.admin.get(`/api/v1/accounts?${q}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.data.map((a: any) => a.name).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `S${i + 1}`).sort(),
    )
    const events = await org.admin.get('/api/v1/accounts?marketing-touches.kind=event_attended&limit=500')
    expect(events.body.data).toHaveLength(45)
  })

  it('compares the seminar cohort with the rest on renewal rate: 32/40 against 20/40', async () => {
    const res = await compare({ object: 'accounts', a: { filters: SEMINAR }, metric: 'renewal_rate' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.a).toEqual({ n: 40, value: 0.8 })
    expect(res.body.b).toEqual({ n: 40, value: 0.5 })
    expect(res.body.difference).toBeCloseTo(0.3, 10)
    // Newcombe's hybrid score interval from the Wilson intervals of 32/40 and 20/40.
    expect(res.body.ci95[0]).toBeCloseTo(0.090995, 5)
    expect(res.body.ci95[1]).toBeCloseTo(0.47587, 5)
    expect(res.body.warning).toBeUndefined()
  })

  it('takes net revenue retention over the year: 0.8 against 0.5 with the delta-method interval', async () => {
    const res = await compare({
      object: 'accounts',
      a: { filters: SEMINAR },
      metric: 'net_revenue_retention',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.a.n).toBe(40)
    expect(res.body.a.value).toBeCloseTo(0.8, 10)
    expect(res.body.b.value).toBeCloseTo(0.5, 10)
    // ± 1.959964 · √(6.4/1560 + 10/1560)
    expect(res.body.ci95[0]).toBeCloseTo(0.099041, 5)
    expect(res.body.ci95[1]).toBeCloseTo(0.500959, 5)
  })

  it('compares win rates and mean health with a warning when the samples are small', async () => {
    const win = await compare({ object: 'accounts', a: { filters: SEMINAR }, metric: 'win_rate' })
    expect(win.body).toMatchObject({ a: { n: 10, value: 0.6 }, b: { n: 10, value: 0.2 } })
    expect(win.body.ci95[0]).toBeCloseTo(-0.022558, 5)
    expect(win.body.ci95[1]).toBeCloseTo(0.672544, 5)
    expect(win.body.warning).toMatch(/^Too few to say anything: A has 10 and B has 10 won or lost/)
    // B named: the growth accounts. Scores 60, 70, 80 against 40, 50, 60: 20 ± t(0.975, 4)·√(200/3).
    const health = await compare({
      object: 'accounts',
      a: { filters: { tier: 'strategic' } },
      b: { filters: { tier: 'growth' } },
      metric: 'health',
    })
    expect(health.body).toMatchObject({ a: { n: 3, value: 70 }, b: { n: 3, value: 50 }, difference: 20 })
    expect(health.body.ci95[0]).toBeCloseTo(-2.6696, 3)
    expect(health.body.ci95[1]).toBeCloseTo(42.6696, 3)
    expect(health.body.warning).toContain('at least 30 in each group')
    const zh = await env.app.inject({
      method: 'POST',
      url: '/api/v1/insights/cohorts',
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: { object: 'accounts', a: { filters: { tier: 'strategic' } }, metric: 'renewal_rate' },
    })
    // S1–S10 all renewed: 10 of 10 (no failure to learn from) against 42 of the other 70.
    expect(zh.json()).toMatchObject({ a: { n: 10, value: 1 }, b: { n: 70, value: 0.6 } })
    expect(zh.json().warning).toMatch(/^样本太少，无法得出结论：A 组 10 份已到期合同/)
  })

  it('compares only the accounts the person may read, and says when a group is empty', async () => {
    const res = await compare(
      { object: 'accounts', a: { filters: SEMINAR }, metric: 'renewal_rate' },
      'outsider',
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      a: { n: 0, value: null },
      b: { n: 10, value: 0.5 },
      difference: null,
      ci95: null,
    })
    expect(res.body.warning).toBe('Nothing to compare: group A has no ended contracts.')
  })

  it('refuses filters that are not filters with 400 naming each', async () => {
    const res = await compare({
      object: 'accounts',
      a: { filters: { tier: 'gold', colour: 'red', q: 'acme' } },
      b: { filters: { 'marketing-touches.flavour': 'x', 'nosuch.kind': 'y' } },
      metric: 'renewal_rate',
    })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('invalid_filter')
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual([
      'a.filters.colour',
      'a.filters.q',
      'a.filters.tier',
      'b.filters.marketing-touches.flavour',
      'b.filters.nosuch.kind',
    ])
    const metric = await compare({ object: 'accounts', a: { filters: {} }, metric: 'churn' })
    expect(metric.status).toBe(400)
    expect(JSON.stringify(metric.body.errors)).toContain('metric')
  })
})
