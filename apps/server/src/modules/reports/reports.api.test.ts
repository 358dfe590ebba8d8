import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { newId } from '../../core/ids'
import { opportunities, opportunityStageChanges } from '../opportunities'
import { pipelineTables } from '../pipelines'

let env: TestEnv
let org: Org
let other: Org
const accountOf: Record<string, string> = {}

const at = (s: string) => new Date(s.includes('T') ? s : `${s}T00:00:00Z`)

type Opp = {
  owner: Caller
  name: string
  stage?: string
  status?: 'open' | 'won' | 'lost'
  amount?: string | null
  currency?: string
  probability?: number | null
  expectedCloseDate?: string | null
  createdAt?: string
  wonAt?: string
  lostAt?: string
  lossReason?: string | null
  winReason?: string | null
  deleted?: boolean
}

/** Writes an opportunity straight into the table, so the fixture controls every date. */
async function opp(o: Opp, into: Org = org): Promise<string> {
  const id = newId()
  await env.rt.database.db.insert(opportunities).values({
    id,
    workspaceId: into.wsId,
    accountId: accountOf[o.owner.userId]!,
    ownerId: o.owner.userId,
    createdBy: o.owner.userId,
    name: o.name,
    stage: o.stage ?? 'discovery',
    status: o.status ?? 'open',
    amount: o.amount ?? null,
    currency: o.currency ?? 'CNY',
    probability: o.probability ?? null,
    expectedCloseDate: o.expectedCloseDate ?? null,
    createdAt: at(o.createdAt ?? '2024-01-01'),
    wonAt: o.wonAt ? at(o.wonAt) : null,
    lostAt: o.lostAt ? at(o.lostAt) : null,
    lossReason: o.lossReason ?? null,
    winReason: o.winReason ?? null,
    deletedAt: o.deleted ? at('2024-12-31') : null,
  })
  return id
}

const order = ['discovery', 'solution', 'negotiation', 'implementation', 'account_management']

/** Records the stages an opportunity entered: [from, to, when]. */
async function history(opportunityId: string, moves: [string | null, string, string][], into: Org = org) {
  await env.rt.database.db.insert(opportunityStageChanges).values(
    moves.map(([fromStage, toStage, when]) => ({
      id: newId(),
      workspaceId: into.wsId,
      opportunityId,
      fromStage,
      toStage,
      direction:
        fromStage === null
          ? 'initial'
          : order.indexOf(toStage) > order.indexOf(fromStage)
            ? 'forward'
            : 'backward',
      changedAt: at(when),
    })),
  )
}

const Y2024 = 'from=2024-01-01&to=2024-12-31'

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  for (const p of [org.sales, org.sales2, org.outsider, other.sales]) {
    const acc = await p.post('/api/v1/accounts', { name: `Account of ${p.userId.slice(-4)}` })
    expect(acc.status).toBe(201)
    accountOf[p.userId] = acc.body.id
  }
  const s = org.sales

  // Stage histories in 2024 (the funnel and stage-duration fixture), all owned by `sales`.
  const f1 = await opp({
    owner: s,
    name: 'F1',
    stage: 'negotiation',
    status: 'won',
    amount: '100000',
    wonAt: '2024-02-10',
  })
  await history(f1, [
    [null, 'discovery', '2024-01-01'],
    ['discovery', 'solution', '2024-01-11'],
    ['solution', 'negotiation', '2024-01-21'],
  ])
  const f2 = await opp({
    owner: s,
    name: 'F2',
    stage: 'solution',
    status: 'lost',
    amount: '30000',
    lostAt: '2024-03-01',
    lossReason: 'price',
    createdAt: '2024-02-01',
  })
  await history(f2, [
    [null, 'discovery', '2024-02-01'],
    ['discovery', 'solution', '2024-02-06'],
  ])
  const f3 = await opp({ owner: s, name: 'F3', createdAt: '2024-03-01' })
  await history(f3, [[null, 'discovery', '2024-03-01']])
  // Skips solution, goes back to it, then forward again.
  const f4 = await opp({ owner: s, name: 'F4', stage: 'negotiation', createdAt: '2024-04-01' })
  await history(f4, [
    [null, 'discovery', '2024-04-01'],
    ['discovery', 'negotiation', '2024-04-05'],
    ['negotiation', 'solution', '2024-04-15'],
    ['solution', 'negotiation', '2024-04-25'],
  ])
  // No history: counts as having entered every stage up to its current one.
  await opp({ owner: s, name: 'F5', stage: 'implementation', createdAt: '2024-05-01' })
  // History starting with a move: its creation is when it entered the first stage.
  const f6 = await opp({ owner: s, name: 'F6', stage: 'solution', createdAt: '2024-06-01' })
  await history(f6, [['discovery', 'solution', '2024-06-11']])
  // Started in 2023: not in the 2024 funnel, but its discovery stay ended in 2024.
  const f7 = await opp({ owner: s, name: 'F7', stage: 'solution', createdAt: '2023-12-01' })
  await history(f7, [
    [null, 'discovery', '2023-12-01'],
    ['discovery', 'solution', '2024-01-05'],
  ])
  // Deleted: counts nowhere.
  const f8 = await opp({ owner: s, name: 'F8', stage: 'solution', deleted: true })
  await history(f8, [
    [null, 'discovery', '2024-01-01'],
    ['discovery', 'solution', '2024-03-01'],
  ])
  await opp({
    owner: s,
    name: 'F10',
    stage: 'account_management',
    status: 'won',
    amount: '50000',
    currency: 'USD',
    createdAt: '2024-07-01',
    wonAt: '2024-08-01',
    winReason: 'relationship',
  })
  await opp({
    owner: s,
    name: 'F11',
    status: 'lost',
    amount: '20000',
    lossReason: 'timing',
    createdAt: '2024-08-01',
    lostAt: '2024-09-01',
  })
  await opp({
    owner: s,
    name: 'F12',
    stage: 'solution',
    status: 'lost',
    amount: '10000',
    lossReason: 'price',
    createdAt: '2025-01-01',
    lostAt: '2025-01-15',
  })
  await opp({
    owner: s,
    name: 'F13',
    stage: 'negotiation',
    status: 'lost',
    amount: '5000',
    lossReason: ' price ',
    createdAt: '2023-06-01',
    lostAt: '2024-10-01',
  })
  // Another workspace's history never counts.
  const x = await opp(
    {
      owner: other.sales,
      name: 'X',
      stage: 'solution',
      status: 'lost',
      lostAt: '2024-05-01',
      lossReason: 'price',
    },
    other,
  )
  await history(
    x,
    [
      [null, 'discovery', '2024-01-01'],
      ['discovery', 'solution', '2024-02-01'],
    ],
    other,
  )

  // Won as it entered implementation, and still there.
  const y = await opp(
    {
      owner: other.sales,
      name: 'Y',
      stage: 'implementation',
      status: 'won',
      wonAt: '2024-03-01',
      createdAt: '2024-02-20',
    },
    other,
  )
  await history(
    y,
    [
      [null, 'negotiation', '2024-02-20'],
      ['negotiation', 'implementation', '2024-03-01'],
    ],
    other,
  )

  // The forecast fixture: expected closes and wins in the first half of 2025.
  const f = { createdAt: '2025-01-01' }
  await opp({ ...f, owner: s, name: 'P1', amount: '100000', expectedCloseDate: '2025-01-15' })
  await opp({
    ...f,
    owner: s,
    name: 'P2',
    stage: 'negotiation',
    amount: '200000',
    probability: 50,
    expectedCloseDate: '2025-01-31',
  })
  await opp({
    ...f,
    owner: org.sales2,
    name: 'P3',
    stage: 'solution',
    amount: '80000',
    expectedCloseDate: '2025-02-10',
  })
  await opp({
    ...f,
    owner: org.outsider,
    name: 'P4',
    stage: 'implementation',
    amount: '10000',
    currency: 'USD',
    expectedCloseDate: '2025-03-01',
  })
  await opp({ ...f, owner: org.sales2, name: 'P5', expectedCloseDate: '2025-02-20' })
  await opp({
    ...f,
    owner: s,
    name: 'P6',
    stage: 'solution',
    amount: '50000',
    expectedCloseDate: '2025-07-01',
  })
  await opp({
    ...f,
    owner: org.sales2,
    name: 'P7',
    stage: 'negotiation',
    status: 'won',
    amount: '60000',
    expectedCloseDate: '2025-03-31',
    wonAt: '2025-02-14T10:00:00Z',
  })
  await opp({
    ...f,
    owner: s,
    name: 'P8',
    stage: 'negotiation',
    amount: '33333.33',
    probability: 33,
    expectedCloseDate: '2025-03-05',
  })
  await opp({ ...f, owner: s, name: 'P9', amount: '999', expectedCloseDate: '2025-01-10', deleted: true })
  await opp({
    ...f,
    owner: s,
    name: 'P10',
    status: 'lost',
    amount: '999',
    expectedCloseDate: '2025-01-10',
    lostAt: '2025-01-10',
    lossReason: 'budget',
  })
})
afterAll(() => env?.close())

describe('GET /reports/funnel', () => {
  it('counts entries, moves on, conversion and wins per stage exactly as a hand count of the fixture', async () => {
    const res = await org.admin.get(`/api/v1/reports/funnel?${Y2024}`)
    expect(res.status).toBe(200)
    // Furthest stage: discovery F3, F11 · solution F2, F6 · negotiation F1, F4 · implementation F5 · account management F10.
    expect(res.body).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      opportunities: 8,
      stages: [
        { stage: 'discovery', entered: 8, movedOn: 6, conversionRate: 0.75, lost: 1 },
        { stage: 'solution', entered: 6, movedOn: 4, conversionRate: 0.6667, lost: 1 },
        { stage: 'negotiation', entered: 4, movedOn: 2, conversionRate: 0.5, lost: 0 },
        { stage: 'implementation', entered: 2, movedOn: 1, conversionRate: 0.5, lost: 0 },
        { stage: 'account_management', entered: 1, movedOn: null, conversionRate: null, lost: 0 },
      ],
      won: 2,
      lost: 2,
      open: 4,
      winRate: 0.5,
    })
  })

  it('takes the cohort from the period: only opportunities that started in it', async () => {
    const q1 = (await org.admin.get('/api/v1/reports/funnel?from=2024-01-01&to=2024-03-31')).body
    // F1, F2, F3 (F7 started in 2023).
    expect(q1.opportunities).toBe(3)
    expect(q1.stages.map((s: { entered: number }) => s.entered)).toEqual([3, 2, 1, 0, 0])
    expect([q1.won, q1.lost, q1.open, q1.winRate]).toEqual([1, 1, 1, 0.5])
    const empty = (await org.admin.get('/api/v1/reports/funnel?from=2020-01-01&to=2020-12-31')).body
    expect(empty.opportunities).toBe(0)
    expect(empty.stages[0]).toEqual({
      stage: 'discovery',
      entered: 0,
      movedOn: 0,
      conversionRate: null,
      lost: 0,
    })
    expect(empty.winRate).toBeNull()
  })

  it("shows a salesperson only their own opportunities and a manager their team's", async () => {
    expect((await org.sales.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(8)
    expect((await org.sales2.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(0)
    expect((await org.outsider.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(0)
    expect((await org.manager.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(8)
    expect((await other.admin.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(2)
    const filtered = await org.admin.get(`/api/v1/reports/funnel?${Y2024}&ownerId=${org.sales2.userId}`)
    expect(filtered.body.opportunities).toBe(0)
  })
})

describe('GET /reports/stage-durations', () => {
  it('averages the days of the stays that ended in the period, with medians and the slowest stage', async () => {
    const res = await org.admin.get(`/api/v1/reports/stage-durations?${Y2024}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      stages: [
        // F1 10, F2 5, F4 4, F6 10 (from its creation), F7 35; F3 still there.
        { stage: 'discovery', count: 5, avgDays: 12.8, medianDays: 10, inProgress: 1 },
        // F1 10, F2 24 (until lost), F4 10 (after moving back); F6 and F7 still there.
        { stage: 'solution', count: 3, avgDays: 14.67, medianDays: 10, inProgress: 2 },
        // F1 20 (until won), F4 10; F4 again, still there.
        { stage: 'negotiation', count: 2, avgDays: 15, medianDays: 15, inProgress: 1 },
        { stage: 'implementation', count: 0, avgDays: null, medianDays: null, inProgress: 0 },
        { stage: 'account_management', count: 0, avgDays: null, medianDays: null, inProgress: 0 },
      ],
      slowest: 'negotiation',
    })
  })

  it('ends the last stay when the deal was won or lost, unless the stay began as it was won', async () => {
    const res = (await other.admin.get(`/api/v1/reports/stage-durations?${Y2024}`)).body
    expect(res.stages.slice(0, 4)).toEqual([
      { stage: 'discovery', count: 1, avgDays: 31, medianDays: 31, inProgress: 0 },
      // X from entering solution until it was lost.
      { stage: 'solution', count: 1, avgDays: 90, medianDays: 90, inProgress: 0 },
      { stage: 'negotiation', count: 1, avgDays: 10, medianDays: 10, inProgress: 0 },
      // Y entered implementation when it was won and is still there.
      { stage: 'implementation', count: 0, avgDays: null, medianDays: null, inProgress: 1 },
    ])
    expect(res.slowest).toBe('solution')
  })

  it('counts only stays that ended in a shorter period', async () => {
    const jan = (await org.admin.get('/api/v1/reports/stage-durations?from=2024-01-01&to=2024-01-31')).body
    expect(jan.stages.slice(0, 3)).toEqual([
      { stage: 'discovery', count: 2, avgDays: 22.5, medianDays: 22.5, inProgress: 0 },
      { stage: 'solution', count: 1, avgDays: 10, medianDays: 10, inProgress: 1 },
      { stage: 'negotiation', count: 0, avgDays: null, medianDays: null, inProgress: 0 },
    ])
    expect(jan.slowest).toBe('discovery')
    const none = (await org.sales2.get(`/api/v1/reports/stage-durations?${Y2024}`)).body
    expect(none.slowest).toBeNull()
    expect(none.stages.every((s: { count: number }) => s.count === 0)).toBe(true)
  })
})

describe('GET /reports/win-loss', () => {
  it('counts and sums wins and losses in the period by reason (none given: unspecified) and currency', async () => {
    const res = await org.admin.get(`/api/v1/reports/win-loss?${Y2024}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      won: 2,
      lost: 3,
      winRate: 0.4,
      amounts: [
        { currency: 'CNY', won: '100000.00', lost: '55000.00' },
        { currency: 'USD', won: '50000.00', lost: '0.00' },
      ],
      rows: [
        { outcome: 'won', reason: 'relationship', currency: 'USD', count: 1, total: '50000.00' },
        { outcome: 'won', reason: 'unspecified', currency: 'CNY', count: 1, total: '100000.00' },
        { outcome: 'lost', reason: 'price', currency: 'CNY', count: 2, total: '35000.00' },
        { outcome: 'lost', reason: 'timing', currency: 'CNY', count: 1, total: '20000.00' },
      ],
    })
    const q1 = (await org.admin.get('/api/v1/reports/win-loss?from=2025-01-01&to=2025-06-30')).body
    // P7 won; F12 (price) and P10 (budget) lost.
    expect([q1.won, q1.lost, q1.winRate]).toEqual([1, 2, 0.3333])
  })
})

describe('GET /reports/forecast', () => {
  const H1 = 'from=2025-01-01&to=2025-06-30'
  const zero = { wonCount: 0, wonTotal: '0.00' }

  it('weighs open amounts by probability (or the stage default) per month and currency, beside wins', async () => {
    const res = await org.admin.get(`/api/v1/reports/forecast?${H1}`)
    expect(res.status).toBe(200)
    expect(res.body.groupBy).toBe('month')
    expect(res.body.stageProbabilities).toMatchObject({ discovery: 10, negotiation: 60 })
    const row = (key: string, currency: string, m: object) => ({ key, label: null, currency, ...zero, ...m })
    expect(res.body.rows).toEqual([
      // P1 100000 × 10% + P2 200000 × 50%.
      row('2025-01', 'CNY', { count: 2, total: '300000.00', weighted: '110000.00' }),
      // P3 80000 × 30%, P5 without an amount; P7 won.
      row('2025-02', 'CNY', {
        count: 2,
        total: '80000.00',
        weighted: '24000.00',
        wonCount: 1,
        wonTotal: '60000.00',
      }),
      // P8 33333.33 × 33% = 10999.9989.
      row('2025-03', 'CNY', { count: 1, total: '33333.33', weighted: '11000.00' }),
      // P4 10000 × 80%.
      row('2025-03', 'USD', { count: 1, total: '10000.00', weighted: '8000.00' }),
    ])
    expect(res.body.totals).toEqual([
      {
        currency: 'CNY',
        count: 5,
        total: '413333.33',
        weighted: '145000.00',
        wonCount: 1,
        wonTotal: '60000.00',
      },
      { currency: 'USD', count: 1, total: '10000.00', weighted: '8000.00', ...zero },
    ])
  })

  it('groups by owner and by team (people without a team apart)', async () => {
    const byOwner = (await org.admin.get(`/api/v1/reports/forecast?${H1}&groupBy=owner`)).body
    expect(byOwner.rows).toEqual([
      {
        key: org.outsider.userId,
        label: 'outsider',
        currency: 'USD',
        count: 1,
        total: '10000.00',
        weighted: '8000.00',
        ...zero,
      },
      {
        key: org.sales.userId,
        label: 'sales',
        currency: 'CNY',
        count: 3,
        total: '333333.33',
        weighted: '121000.00',
        ...zero,
      },
      {
        key: org.sales2.userId,
        label: 'sales2',
        currency: 'CNY',
        count: 2,
        total: '80000.00',
        weighted: '24000.00',
        wonCount: 1,
        wonTotal: '60000.00',
      },
    ])
    const teams = (await org.admin.get('/api/v1/teams')).body.data
    const east = teams.find((t: { name: string }) => t.name === 'Team East')
    const byTeam = (await org.admin.get(`/api/v1/reports/forecast?${H1}&groupBy=team`)).body
    expect(byTeam.rows).toEqual([
      {
        key: east.id,
        label: 'Team East',
        currency: 'CNY',
        count: 5,
        total: '413333.33',
        weighted: '145000.00',
        wonCount: 1,
        wonTotal: '60000.00',
      },
      { key: null, label: null, currency: 'USD', count: 1, total: '10000.00', weighted: '8000.00', ...zero },
    ])
    const onlyEast = (await org.admin.get(`/api/v1/reports/forecast?${H1}&groupBy=team&teamId=${east.id}`))
      .body
    expect(onlyEast.rows.map((r: { label: string }) => r.label)).toEqual(['Team East'])
  })

  it("falls back to the pipeline's stage probability before the SOP default", async () => {
    const p = pipelineTables.pipelines
    const db = env.rt.database.db
    const where = and(eq(p.workspaceId, org.wsId), eq(p.isDefault, true))
    const [pipeline] = await db.select().from(p).where(where)
    const stages = pipeline!.stages
    await db
      .update(p)
      .set({ stages: stages.map((s) => (s.key === 'discovery' ? { ...s, probability: 25 } : s)) })
      .where(where)
    try {
      const res = (await org.admin.get(`/api/v1/reports/forecast?${H1}`)).body
      expect(res.stageProbabilities.discovery).toBe(25)
      // P1 100000 × 25% + P2 200000 × its own 50%.
      expect(res.rows[0]).toMatchObject({ key: '2025-01', weighted: '125000.00' })
    } finally {
      await db.update(p).set({ stages }).where(where)
    }
  })

  it('shows a salesperson only their own pipeline and a manager only their team', async () => {
    const mine = (await org.sales.get(`/api/v1/reports/forecast?${H1}`)).body
    expect(mine.rows.map((r: { key: string; weighted: string }) => [r.key, r.weighted])).toEqual([
      ['2025-01', '110000.00'],
      ['2025-03', '11000.00'],
    ])
    const team = (await org.manager.get(`/api/v1/reports/forecast?${H1}&groupBy=owner`)).body
    expect(team.rows.map((r: { label: string }) => r.label)).toEqual(['sales', 'sales2'])
    const filtered = (await org.admin.get(`/api/v1/reports/forecast?${H1}&ownerId=${org.sales2.userId}`)).body
    expect(filtered.totals).toEqual([
      {
        currency: 'CNY',
        count: 2,
        total: '80000.00',
        weighted: '24000.00',
        wonCount: 1,
        wonTotal: '60000.00',
      },
    ])
  })
})

describe('report periods and access', () => {
  it.each([
    ['funnel?from=2024-03-01&to=2024-01-01', 'to'],
    ['forecast?from=2020-01-01&to=2023-01-01', 'to'],
    ['win-loss?from=2024-02-30&to=2024-03-01', 'from'],
    ['stage-durations?from=2024-01-01&to=yesterday', 'to'],
    ['forecast?groupBy=stage', 'groupBy'],
    ['funnel?ownerId=nobody', 'ownerId'],
    ['funnel?period=q1', 'period'],
  ])('refuses %s with 400 naming %s', async (url, field) => {
    const res = await org.admin.get(`/api/v1/reports/${url}`)
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([field])
  })

  it('takes three years less a day, and fills an open period with whole months', async () => {
    expect((await org.admin.get('/api/v1/reports/funnel?from=2020-01-01&to=2022-12-31')).status).toBe(200)
    const fromOnly = (await org.admin.get('/api/v1/reports/forecast?from=2025-01-15')).body
    expect([fromOnly.from, fromOnly.to]).toEqual(['2025-01-15', '2025-06-30'])
    const toOnly = (await org.admin.get('/api/v1/reports/win-loss?to=2024-12-31')).body
    expect([toOnly.from, toOnly.to]).toEqual(['2024-01-01', '2024-12-31'])
    const open = await org.admin.get('/api/v1/reports/stage-durations')
    expect(open.status).toBe(200)
    expect(open.body.from).toMatch(/^\d{4}-\d{2}-01$/)
  })

  it('refuses people whose role may not read opportunities', async () => {
    const roles = (await org.admin.get('/api/v1/roles?limit=50')).body.data
    const finance = roles.find((r: { key: string }) => r.key === 'finance')
    const narrowed = await org.admin.patch(`/api/v1/roles/${finance.id}`, {
      version: finance.version,
      permissions: {
        ...finance.permissions,
        opportunities: { read: 'none', create: 'none', update: 'none', delete: 'none' },
      },
    })
    expect(narrowed.status).toBe(200)
    for (const r of ['forecast', 'funnel', 'stage-durations', 'win-loss']) {
      expect((await org.finance.get(`/api/v1/reports/${r}`)).status).toBe(403)
    }
    expect((await org.executive.get(`/api/v1/reports/funnel?${Y2024}`)).body.opportunities).toBe(8)
  })
})
