import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../../test/harness'
import { auditLog } from '../../../core/audit/audit.table'
import { outbox } from '../../../core/events/outbox.table'
import { newId } from '../../../core/ids'
import { accounts } from '../../accounts'
import { activities } from '../../activities'
import { contracts } from '../../commerce'
import { handoffs } from '../../handoffs'
import { healthSnapshots } from '../../health'
import { milestones } from '../../lifecycle'
import { marketingTouches } from '../../marketing'
import { opportunities } from '../../opportunities'
import { surveyResponses } from '../../surveys'
import { userTables } from '../../users'
import { createWorkspaceFromTemplate, upgradeWorkspaces } from '../../templates'
import { createWorkspace } from '../../workspaces'
import { periodSpans } from './metric-period'
import { findEffortCosts, findNorthStar } from './north-star.repository'
import { setNorthStar } from './north-star.service'

/*
 * The fixture is written straight into the tables (the dates decide everything, and background work on
 * new records must not change bands or scores under the test); north star and effort costs go through
 * the API. Every expected number below is worked out by hand from the rows listed here.
 *
 * People: sales (S) and sales2 (S2) in the manager's team; outsider (O) in no team.
 * Accounts: A1 S strategic/Manufacturing healthy 85 spend 100k · A2 S growth/Finance at_risk 40 spend 50k ·
 * A3 S2 strategic/Manufacturing at_risk 50 spend 200k · A4 O strategic/Manufacturing healthy 90 ·
 * A5 S unscored, no segment.
 */

let env: TestEnv
let org: Org
const DAY = 86_400_000
const now = new Date()
const { current: C, previous: P } = periodSpans('quarter', now)
const today = now.toISOString().slice(0, 10)
/** Today is the first day of the quarter: contracts starting today were in force at its start too. */
const firstDay = today === C.from
const c = (days: number, seconds = 0) => new Date(C.start.getTime() + days * DAY + seconds * 1000)
const p = (days: number) => new Date(P.start.getTime() + days * DAY)
const dateOf = (d: Date | number) => new Date(d).toISOString().slice(0, 10)
const acc: Record<string, string> = {}
const opp: Record<string, string> = {}

const db = () => env.rt.database.db
const base = (owner: Caller) => ({
  id: newId(),
  workspaceId: org.wsId,
  ownerId: owner.userId,
  createdBy: owner.userId,
})

async function account(key: string, owner: Caller, a: Partial<typeof accounts.$inferInsert>) {
  const row = { ...base(owner), name: `Account ${key}`, ...a }
  await db().insert(accounts).values(row)
  acc[key] = row.id
}

async function deal(
  key: string,
  accountKey: string,
  owner: Caller,
  type: string,
  outcome: 'won' | 'lost',
  at: Date,
  amount = '0',
) {
  const row = {
    ...base(owner),
    accountId: acc[accountKey]!,
    name: `Deal ${key}`,
    type,
    status: outcome,
    stage: 'negotiation',
    amount,
    wonAt: outcome === 'won' ? at : null,
    lostAt: outcome === 'lost' ? at : null,
    lossReason: outcome === 'lost' ? 'price' : null,
  }
  await db().insert(opportunities).values(row)
  opp[key] = row.id
}

const get = async (who: Caller, url: string) => {
  const res = await who.get(url)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const metric = (who: Caller, key: string, q = '') => get(who, `/api/v1/metrics/${key}?period=quarter${q}`)

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const { sales: S, sales2: S2, outsider: O, manager: M } = org
  await account('A1', S, {
    tier: 'strategic',
    segment: 'Manufacturing',
    healthBand: 'healthy',
    healthScore: '85',
    annualSpend: '100000',
  })
  await account('A2', S, {
    tier: 'growth',
    segment: 'Finance',
    healthBand: 'at_risk',
    healthScore: '40',
    annualSpend: '50000',
  })
  await account('A3', S2, {
    tier: 'strategic',
    segment: 'Manufacturing',
    healthBand: 'at_risk',
    healthScore: '50',
    annualSpend: '200000',
  })
  await account('A4', O, {
    tier: 'strategic',
    segment: 'Manufacturing',
    healthBand: 'healthy',
    healthScore: '90',
    annualSpend: '999999',
  })
  await account('A5', S, { annualSpend: '70000' })

  // Deals closed this quarter…
  await deal('o1', 'A1', S, 'renewal', 'won', c(0, 100), '100000')
  await deal('o2', 'A1', S, 'renewal', 'lost', c(1))
  await deal('o3', 'A2', S, 'renewal', 'won', c(0, 200), '40000')
  await deal('o4', 'A1', S, 'upsell', 'won', c(2), '30000')
  await deal('o5', 'A2', S, 'cross_sell', 'won', c(2), '20000')
  await deal('o6', 'A3', S2, 'new_business', 'won', c(0, 300), '80000')
  await deal('o7', 'A3', S2, 'renewal', 'lost', c(3))
  await deal('o8', 'A4', O, 'renewal', 'won', c(0, 400), '500000')
  await deal('o9', 'A5', S, 'new_business', 'lost', c(4))
  // …and last quarter (A1's and A2's first wins).
  await deal('p1', 'A1', S, 'new_business', 'won', p(5), '60000')
  await deal('p2', 'A2', S, 'renewal', 'lost', p(5))
  await deal('p3', 'A2', S, 'new_business', 'won', p(3), '25000')

  // Contracts: A1 365k a year throughout plus a 36.5k upsell from today; A2 365k ending on the quarter's
  // first day, renewed from today at 182.5k; A4 (the outsider's) and a draft never count.
  const contract = (accountKey: string, owner: Caller, c2: Partial<typeof contracts.$inferInsert>) =>
    db()
      .insert(contracts)
      .values({
        ...base(owner),
        accountId: acc[accountKey]!,
        number: newId().slice(0, 8),
        amount: '0',
        status: 'active',
        ...c2,
      })
  const start = C.start.getTime()
  await contract('A1', S, {
    amount: '365000',
    startDate: dateOf(start - 100 * DAY),
    endDate: dateOf(start + 264 * DAY),
    signedDate: dateOf(c(3).getTime() - 15 * DAY),
  })
  await contract('A1', S, {
    amount: '36500',
    startDate: today,
    endDate: dateOf(Date.parse(today) + 364 * DAY),
  })
  await contract('A2', S, {
    amount: '211000',
    status: 'ended',
    startDate: dateOf(start - 210 * DAY),
    endDate: C.from,
    signedDate: dateOf(start - 220 * DAY),
  })
  await contract('A2', S, {
    amount: '182500',
    startDate: today,
    endDate: dateOf(Date.parse(today) + 364 * DAY),
    signedDate: dateOf(c(13)),
  })
  await contract('A5', S, {
    amount: '900000',
    status: 'draft',
    startDate: dateOf(start - 10 * DAY),
    endDate: dateOf(start + 354 * DAY),
  })
  await contract('A4', O, {
    amount: '1000000',
    startDate: dateOf(start - 10 * DAY),
    endDate: dateOf(start + 354 * DAY),
    signedDate: dateOf(start - 20 * DAY),
  })

  // Handoffs submitted 2 (o1), 5 (o3), 10 (o6, S2), 30 (o8, O) days after the win; 4 days for p1 last quarter.
  const handoff = async (oppKey: string, accountKey: string, owner: Caller, wonAt: Date, days: number) =>
    db()
      .insert(handoffs)
      .values({
        ...base(owner),
        accountId: acc[accountKey]!,
        opportunityId: opp[oppKey]!,
        salesOwnerId: owner.userId,
        status: 'submitted',
        dueAt: new Date(wonAt.getTime() + 3 * DAY),
        submittedAt: new Date(wonAt.getTime() + days * DAY),
      })
  await handoff('o1', 'A1', S, c(0, 100), 2)
  await handoff('o3', 'A2', S, c(0, 200), 5)
  await handoff('o6', 'A3', S2, c(0, 300), 10)
  await handoff('o8', 'A4', O, c(0, 400), 30)
  await handoff('p1', 'A1', S, p(5), 4)

  // Go-lives: A1 15 days after signing, A2 (上线) 7 days after its renewal's signing; the rest do not count.
  const milestone = (accountKey: string, owner: Caller, title: string, confirmedAt: Date | null) =>
    db()
      .insert(milestones)
      .values({
        ...base(owner),
        accountId: acc[accountKey]!,
        title,
        status: confirmedAt ? 'confirmed' : 'pending',
        confirmedAt,
      })
  await milestone('A1', S, 'Go-live of the first reports', c(3))
  await milestone('A1', S, 'Kick-off workshop', c(1))
  await milestone('A1', S, 'Deliverables review', c(5))
  await milestone('A2', S, '系统上线', c(20))
  await milestone('A2', S, 'Launch', null)
  await milestone('A4', O, 'Go live', c(6))

  // NPS answers: this quarter contact X (detractor, then promoter), Y passive, two anonymous answers
  // (detractor, promoter) on A2, one detractor on A3 and one on A4; last quarter X promoter.
  const survey = newId()
  const answer = (accountKey: string, owner: Caller, contactId: string | null, score: number, at: Date) =>
    db()
      .insert(surveyResponses)
      .values({
        ...base(owner),
        surveyId: survey,
        accountId: acc[accountKey]!,
        contactId,
        kind: 'nps',
        score,
        category: score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor',
        answeredAt: at,
      })
  const [x, y] = [newId(), newId()]
  await answer('A1', S, x, 3, c(1))
  await answer('A1', S, x, 10, c(2))
  await answer('A1', S, y, 8, c(2))
  await answer('A2', S, null, 3, c(3))
  await answer('A2', S, null, 9, c(3))
  await answer('A3', S2, null, 2, c(3))
  await answer('A4', O, null, 0, c(3))
  await answer('A1', S, x, 9, p(3))

  // Health history: every account's score on the 10th day of last quarter.
  const snapshot = (accountKey: string, score: string, band: string) =>
    db()
      .insert(healthSnapshots)
      .values({
        id: newId(),
        workspaceId: org.wsId,
        accountId: acc[accountKey]!,
        modelId: newId(),
        score,
        band,
        computedAt: p(10),
      })
  await snapshot('A1', '70', 'watch')
  await snapshot('A2', '65', 'watch')
  await snapshot('A3', '80', 'healthy')
  await snapshot('A4', '50', 'watch')

  // Effort this quarter: minutes by person on each account (the manager on A1 too); sales2 is also presales.
  const activity = (accountKey: string, owner: Caller, minutes: number, at = c(1)) =>
    db()
      .insert(activities)
      .values({
        ...base(owner),
        accountId: acc[accountKey]!,
        kind: 'meeting',
        subject: 'Meeting',
        occurredAt: at,
        durationMinutes: minutes,
      })
  await activity('A1', S, 120)
  await activity('A1', M, 60)
  await activity('A2', S, 30)
  await activity('A5', S, 90)
  await activity('A3', S2, 60)
  await activity('A4', O, 600)
  await activity('A1', S, 600, p(2))
  const [presales] = await db()
    .select({ id: userTables.roles.id })
    .from(userTables.roles)
    .where(and(eq(userTables.roles.workspaceId, org.wsId), eq(userTables.roles.key, 'presales')))
  await db()
    .insert(userTables.userRoles)
    .values({ workspaceId: org.wsId, userId: S2.userId, roleId: presales!.id })

  // Campaign touches: Summit 4 in all (2500 each), Webinar 3 (1000 each), Unpriced has no spend.
  const touch = (accountKey: string, owner: Caller, campaign: string, at = c(2)) =>
    db()
      .insert(marketingTouches)
      .values({
        ...base(owner),
        accountId: acc[accountKey]!,
        kind: 'event_attended',
        campaign,
        title: campaign,
        occurredAt: at,
      })
  await touch('A1', S, 'Summit')
  await touch('A1', S, 'Summit')
  await touch('A4', O, 'Summit')
  await touch('A2', S, 'Summit', p(4))
  await touch('A2', S, 'Webinar')
  await touch('A3', S2, 'Webinar')
  await touch('A3', S2, 'Webinar')
  await touch('A5', S, 'Unpriced')
}, 120_000)

afterAll(async () => {
  await env?.close()
})

describe('metrics', () => {
  it('lists the catalogue in the caller’s language', async () => {
    const en = await get(org.sales, '/api/v1/metrics')
    expect(en.data.map((m: { key: string }) => m.key)).toContain('signed_to_golive_days')
    expect(en.data.find((m: { key: string }) => m.key === 'renewal_rate')).toMatchObject({
      label: 'Renewal rate',
      unit: 'percent',
      higherIsBetter: true,
    })
    const zh = await env.app.inject({
      method: 'GET',
      url: '/api/v1/metrics',
      headers: { authorization: `Bearer ${org.sales.token}`, 'accept-language': 'zh-CN' },
    })
    expect(JSON.parse(zh.body).data.find((m: { key: string }) => m.key === 'renewal_rate').label).toBe(
      '续约率',
    )
  })

  it('computes the deal metrics over the salesperson’s own deals only', async () => {
    const s = org.sales
    expect(await metric(s, 'renewal_rate')).toMatchObject({
      value: 66.7,
      previous: 0,
      sample: 3,
      from: C.from,
      to: C.to,
      unit: 'percent',
    })
    expect(await metric(s, 'win_rate')).toMatchObject({ value: 66.7, previous: 66.7, sample: 6 })
    expect(await metric(s, 'expansion_revenue')).toMatchObject({ value: 50000, previous: null, sample: 2 })
    expect(await metric(s, 'new_business_won')).toMatchObject({ value: null, previous: 85000, sample: 0 })
    expect(await metric(s, 'first_deal_wins')).toMatchObject({ value: null, previous: 2, sample: 0 })
  })

  it('counts the team for the manager, everyone for the admin, and narrows by the dashboard filters', async () => {
    const m = org.manager
    expect(await metric(m, 'renewal_rate')).toMatchObject({ value: 50, sample: 4 })
    expect(await metric(m, 'win_rate')).toMatchObject({ value: 62.5, sample: 8 })
    expect(await metric(m, 'new_business_won')).toMatchObject({ value: 80000, sample: 1 })
    expect(await metric(m, 'first_deal_wins')).toMatchObject({ value: 1 })
    expect(await metric(m, 'renewal_rate', `&ownerId=${org.sales2.userId}`)).toMatchObject({
      value: 0,
      sample: 1,
    })
    expect(await metric(m, 'renewal_rate', '&tier=strategic')).toMatchObject({ value: 33.3, sample: 3 })
    expect(await metric(m, 'renewal_rate', '&segment=Finance')).toMatchObject({ value: 100, sample: 1 })
    expect(await metric(org.admin, 'renewal_rate')).toMatchObject({ value: 60, sample: 5 })
    const teams = await get(org.admin, '/api/v1/teams?limit=10')
    const east = teams.data.find((t: { name: string }) => t.name === 'Team East').id
    expect(await metric(org.admin, 'renewal_rate', `&teamId=${east}`)).toMatchObject({ value: 50, sample: 4 })
  })

  it('computes NPS with each contact’s latest answer', async () => {
    expect(await metric(org.sales, 'nps')).toMatchObject({
      value: 25,
      previous: 100,
      sample: 4,
      unit: 'score',
    })
    expect(await metric(org.manager, 'nps')).toMatchObject({ value: 0, sample: 5 })
    expect(await metric(org.manager, 'nps', '&segment=Finance')).toMatchObject({ value: 0, sample: 2 })
  })

  it('computes gross and net revenue retention from the contracts in force', async () => {
    const grr = await metric(org.sales, 'gross_revenue_retention')
    const nrr = await metric(org.sales, 'net_revenue_retention')
    // Start 365k + 365k; now A1 401.5k (kept at 365k), A2 182.5k. On the quarter's first day the new
    // contracts were in force at the start as well, so nothing moved.
    expect(grr).toMatchObject({ value: firstDay ? 100 : 75, previous: 100, sample: 2 })
    expect(nrr).toMatchObject({ value: firstDay ? 100 : 80, previous: 100, sample: 2 })
    expect(await metric(org.outsider, 'net_revenue_retention')).toMatchObject({ value: 100, sample: 1 })
  })

  it('computes health shares now and at the start of the quarter', async () => {
    expect(await metric(org.sales, 'healthy_share')).toMatchObject({ value: 50, previous: 0, sample: 2 })
    expect(await metric(org.sales, 'at_risk_arr')).toMatchObject({
      value: 50000,
      previous: 0,
      sample: 1,
      higherIsBetter: false,
    })
    expect(await metric(org.manager, 'healthy_share')).toMatchObject({
      value: 33.3,
      previous: 33.3,
      sample: 3,
    })
    expect(await metric(org.manager, 'at_risk_arr')).toMatchObject({ value: 250000, sample: 2 })
  })

  it('computes won → handoff and signed → go-live days', async () => {
    expect(await metric(org.sales, 'won_to_handoff_days')).toMatchObject({
      value: 3.5,
      previous: 4,
      sample: 2,
      unit: 'days',
    })
    expect(await metric(org.manager, 'won_to_handoff_days')).toMatchObject({ value: 5.7, sample: 3 })
    expect(await metric(org.sales, 'signed_to_golive_days')).toMatchObject({
      value: 11,
      sample: 2,
      previous: null,
    })
    expect(await metric(org.admin, 'signed_to_golive_days', `&ownerId=${org.outsider.userId}`)).toMatchObject(
      { value: 26, sample: 1 },
    )
  })

  it('refuses an unknown metric or period naming it', async () => {
    const res = await org.sales.get('/api/v1/metrics/arr_growth')
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('key')
    const bad = await org.sales.get('/api/v1/metrics/nps?period=week')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('period')
  })
})

describe('north star', () => {
  it('starts with the template’s NPS ≥ 40 and renewal rate ≥ 85% per quarter', async () => {
    expect(await get(org.sales, '/api/v1/north-star')).toEqual({
      metrics: [
        { key: 'nps', target: 40, period: 'quarter' },
        { key: 'renewal_rate', target: 85, period: 'quarter' },
      ],
    })
  })

  it('refuses unknown and repeated metrics, and changes by anyone but an administrator', async () => {
    const unknown = await org.admin.put('/api/v1/north-star', { metrics: [{ key: 'arr', target: 1 }] })
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(unknown.body)).toContain('metrics')
    const twice = await org.admin.put('/api/v1/north-star', {
      metrics: [
        { key: 'nps', target: 40 },
        { key: 'nps', target: 50 },
      ],
    })
    expect(twice.status).toBe(400)
    expect(JSON.stringify(twice.body)).toContain('each metric at most once')
    const zh = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/north-star',
      headers: { authorization: `Bearer ${org.manager.token}`, 'accept-language': 'zh-CN' },
      payload: { metrics: [] },
    })
    expect(JSON.parse(zh.body).detail).toBe('只有管理员可以修改北极星指标')
    for (const who of [org.sales, org.manager, org.executive]) {
      expect((await who.put('/api/v1/north-star', { metrics: [] })).status).toBe(403)
    }
  })

  it('replaces the list with an audit entry and an event, and shows progress against it', async () => {
    const metrics = [
      { key: 'nps', target: 40, period: 'quarter' },
      { key: 'renewal_rate', target: 85, period: 'quarter' },
      { key: 'won_to_handoff_days', target: 3.2, period: 'quarter' },
      { key: 'at_risk_arr', target: 60000, period: 'quarter' },
      { key: 'first_deal_wins', target: 5, period: 'quarter' },
    ]
    const put = await org.admin.put('/api/v1/north-star', { metrics })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect((await get(org.sales, '/api/v1/north-star')).metrics).toEqual(metrics)
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, org.wsId), eq(auditLog.entityType, 'north_star')))
    expect(audit).toHaveLength(1)
    expect((audit[0]!.after as { metrics: unknown[] }).metrics).toHaveLength(5)
    const events = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.type, 'north_star.updated')))
    expect(events).toHaveLength(1)

    const progress = await get(org.sales, '/api/v1/north-star/progress')
    const byKey = Object.fromEntries(progress.metrics.map((m: { key: string }) => [m.key, m]))
    expect(byKey.nps).toMatchObject({ value: 25, target: 40, progress: 0.625, status: 'behind' })
    expect(byKey.renewal_rate).toMatchObject({ value: 66.7, progress: 0.7847, status: 'behind' })
    expect(byKey.won_to_handoff_days).toMatchObject({ value: 3.5, progress: 0.9143, status: 'on_track' })
    expect(byKey.at_risk_arr).toMatchObject({ value: 50000, progress: 1.2, status: 'met' })
    expect(byKey.first_deal_wins).toMatchObject({ value: null, progress: null, status: 'no_data' })
    // A dashboard filtered to last quarter shows last quarter's figures.
    const last = await get(org.sales, '/api/v1/north-star/progress?period=last_quarter')
    expect(last.metrics[0]).toMatchObject({ key: 'nps', from: P.from, to: P.to, value: 100, previous: null })
    expect(last.metrics[3]).toMatchObject({ key: 'at_risk_arr', value: 0, status: 'met' })
    const narrowed = await get(org.manager, `/api/v1/north-star/progress?ownerId=${org.sales2.userId}`)
    expect(narrowed.metrics.find((m: { key: string }) => m.key === 'first_deal_wins')).toMatchObject({
      value: 1,
      status: 'behind',
    })
  })
})

describe('effort costs', () => {
  it('start with the template’s hourly rates and change only by an administrator, audited', async () => {
    expect(await get(org.sales, '/api/v1/reports/effort-costs')).toEqual({
      currency: 'CNY',
      hourlyRates: { sales: 300, csm: 250, presales: 350, sales_manager: 400 },
      campaignSpend: {},
    })
    const costs = {
      currency: 'CNY',
      hourlyRates: { sales: 300, csm: 250, presales: 350, sales_manager: 400 },
      campaignSpend: { Summit: 10000, Webinar: 3000 },
    }
    expect((await org.manager.put('/api/v1/reports/effort-costs', costs)).status).toBe(403)
    const bad = await org.admin.put('/api/v1/reports/effort-costs', { ...costs, currency: 'yuan' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('currency')
    const neg = await org.admin.put('/api/v1/reports/effort-costs', { ...costs, hourlyRates: { sales: -1 } })
    expect(neg.status).toBe(400)
    expect((await org.admin.put('/api/v1/reports/effort-costs', costs)).status).toBe(200)
    expect(await get(org.sales, '/api/v1/reports/effort-costs')).toEqual(costs)
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, org.wsId), eq(auditLog.entityType, 'effort_costs')))
    expect(audit).toHaveLength(1)
    expect(audit[0]!.after).toEqual({ campaignSpend: { Summit: 10000, Webinar: 3000 } })
  })
})

describe('views', () => {
  it('lists the health movers of the last 30 days, up and down', async () => {
    const v = await get(org.sales, '/api/v1/reports/views/health_movers')
    expect(v.up.map((r: { name: string; delta: number }) => [r.name, r.delta])).toEqual([['Account A1', 15]])
    expect(v.down.map((r: { name: string; delta: number }) => [r.name, r.delta])).toEqual([
      ['Account A2', -25],
    ])
    expect(v.up[0]).toMatchObject({
      scoreBefore: 70,
      scoreNow: 85,
      bandBefore: 'watch',
      bandNow: 'healthy',
      ownerName: 'sales',
    })
    const m = await get(org.manager, '/api/v1/reports/views/health_movers')
    expect(m.down.map((r: { name: string }) => r.name)).toEqual(['Account A3', 'Account A2'])
    const a = await get(org.admin, '/api/v1/reports/views/health_movers?tier=strategic')
    expect(a.up.map((r: { name: string }) => r.name)).toEqual(['Account A4', 'Account A1'])
  })

  it('lists the at-risk accounts by annual spend', async () => {
    // Home asks in the interface's language (`lang`), which the strict query accepts.
    const v = await get(org.manager, '/api/v1/reports/views/at_risk_accounts?lang=zh-CN')
    expect(
      v.accounts.map((r: { name: string; annualSpend: number; ownerName: string }) => [
        r.name,
        r.annualSpend,
        r.ownerName,
      ]),
    ).toEqual([
      ['Account A3', 200000, 'sales2'],
      ['Account A2', 50000, 'sales'],
    ])
    expect(v).toMatchObject({ total: 2, totalAnnualSpend: 250000 })
    expect((await get(org.sales, '/api/v1/reports/views/at_risk_accounts')).total).toBe(1)
  })

  it('weighs revenue against effort per segment and for new versus existing accounts', async () => {
    const v = await get(org.sales, '/api/v1/reports/views/roi_of_effort?period=this_quarter')
    expect(v).toMatchObject({ from: C.from, to: C.to, currency: 'CNY' })
    const rows = (list: Record<string, unknown>[]) =>
      list.map((r) => [r.label, r.accounts, r.revenue, r.activityCost, r.campaignCost, r.roi])
    expect(rows(v.bySegment)).toEqual([
      ['Manufacturing', 1, 130000, 1000, 5000, 21.67],
      ['Finance', 1, 60000, 150, 1000, 52.17],
      ['No segment', 1, 0, 450, 0, 0],
    ])
    expect(rows(v.byCustomerType)).toEqual([
      ['New accounts', 1, 0, 450, 0, 0],
      ['Existing customers', 2, 190000, 1150, 6000, 26.57],
    ])
    expect(v.total).toMatchObject({ accounts: 3, revenue: 190000, cost: 7600, roi: 25, activityHours: 5 })
    // The manager adds A3: a new customer, sales2's hour at the presales rate (the higher of two roles), two webinar touches.
    const m = await get(org.manager, '/api/v1/reports/views/roi_of_effort?period=this_quarter')
    expect(m.bySegment[0]).toMatchObject({
      key: 'Manufacturing',
      accounts: 2,
      revenue: 210000,
      cost: 8350,
      roi: 25.15,
    })
    expect(m.byCustomerType[0]).toMatchObject({
      key: 'new',
      accounts: 2,
      revenue: 80000,
      cost: 2800,
      roi: 28.57,
    })
  })

  it('gives the cycle times per month of the last 12', async () => {
    const v = await get(org.sales, '/api/v1/reports/views/cycle_times')
    expect(v.months).toHaveLength(12)
    expect(v.months.at(-1).month).toBe(today.slice(0, 7))
    const month = (d: Date) => v.months.find((m: { month: string }) => m.month === dateOf(d).slice(0, 7))
    expect(month(c(0, 100))).toMatchObject({ wonToHandoffDays: 3.5, handoffs: 2 })
    // Both go-lives fall in the quarter's first month (its 4th and 21st days).
    expect(month(c(3))).toMatchObject({ signedToGoLiveDays: 11, goLives: 2 })
    expect(v.months.reduce((n: number, m: { goLives: number }) => n + m.goLives, 0)).toBe(2)
    expect(month(p(9))).toMatchObject({ wonToHandoffDays: 4, handoffs: 1 })
  })

  it('shows the north-star progress as a view, and refuses an unknown view', async () => {
    const v = await get(org.sales, '/api/v1/reports/views/north_star')
    expect(v.view).toBe('north_star')
    expect(v.metrics.map((m: { key: string }) => m.key)).toContain('nps')
    expect((await org.sales.get('/api/v1/reports/views/pipeline')).status).toBe(400)
  })
})

describe('the template part', () => {
  it('gives an older workspace the default north star and effort costs once, and keeps a cleared north star cleared', async () => {
    const events = env.rt.events
    const old = await db().transaction((tx) =>
      createWorkspace(tx, events, { name: 'Old', slug: `old${Date.now()}`, locale: 'en' }),
    )
    const cleared = await db().transaction((tx) =>
      createWorkspaceFromTemplate(tx, events, { name: 'Cleared', slug: `clr${Date.now()}`, locale: 'en' }),
    )
    expect(await findNorthStar(db(), old.ws)).toEqual([])
    await db().transaction((tx) => setNorthStar(tx, cleared, { metrics: [] }))
    const mine = await findNorthStar(db(), org.wsId)
    await upgradeWorkspaces(db(), events)
    await upgradeWorkspaces(db(), events)
    expect((await findNorthStar(db(), old.ws)).map((m) => `${m.key}≥${m.target}/${m.period}`)).toEqual([
      'nps≥40/quarter',
      'renewal_rate≥85/quarter',
    ])
    expect((await findEffortCosts(db(), old.ws))?.hourlyRates).toEqual({
      sales: 300,
      csm: 250,
      presales: 350,
      sales_manager: 400,
    })
    expect(await findNorthStar(db(), cleared.ws)).toEqual([])
    expect(await findNorthStar(db(), org.wsId)).toEqual(mine)
    expect((await findEffortCosts(db(), org.wsId))?.campaignSpend).toEqual({ Summit: 10000, Webinar: 3000 })
  })
})
