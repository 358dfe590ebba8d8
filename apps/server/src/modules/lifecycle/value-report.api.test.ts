import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { newId } from '../../core/ids'
import { accounts } from '../accounts'
import { handoffs } from '../handoffs'
import { usageEvents } from '../health'
import { tickets } from '../tickets'
import { milestones } from './milestone.table'

const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10)
const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3_600_000).toISOString()

describe('customer value report', () => {
  let env: TestEnv
  let org: Org
  let a: any

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const s = org.sales
    a = (await s.post('/api/v1/accounts', { name: 'Value Co', tier: 'strategic', csmId: org.sales2.userId }))
      .body
    const post = async (path: string, body: object) => {
      const r = await s.post(path, { accountId: a.id, ...body })
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(201)
      return r.body
    }
    await post('/api/v1/contracts', { number: 'V-1', amount: '300000', status: 'active', endDate: day(50) })
    // An approved contract comes through its approval flow; administrators may enter one as it is (history).
    const approved = await org.admin.post('/api/v1/contracts', {
      accountId: a.id,
      ownerId: s.userId,
      number: 'V-2',
      amount: '20000.50',
      currency: 'USD',
      status: 'approved',
    })
    expect(approved.status, JSON.stringify(approved.body)).toBe(201)
    await post('/api/v1/contracts', { number: 'V-0', amount: '99', status: 'ended', endDate: day(-30) })
    await post('/api/v1/contracts', { number: 'V-draft', amount: '5', status: 'draft' })
    // Tickets: three opened in the period, two resolved (in 24 h and 48 h), rated 4 and 5; one from two years ago.
    const t1 = await post('/api/v1/tickets', { subject: 'Login fails' })
    const t2 = await post('/api/v1/tickets', { subject: 'Slow report' })
    await post('/api/v1/tickets', { subject: 'Question' })
    const old = await post('/api/v1/tickets', { subject: 'Old one' })
    const db = env.rt.database.db
    await db
      .update(tickets)
      .set({
        createdAt: new Date(ago(10)),
        resolvedAt: new Date(ago(9)),
        status: 'resolved',
        satisfaction: 4,
      })
      .where(eq(tickets.id, t1.id))
    await db
      .update(tickets)
      .set({ createdAt: new Date(ago(20)), resolvedAt: new Date(ago(18)), status: 'closed', satisfaction: 5 })
      .where(eq(tickets.id, t2.id))
    await db
      .update(tickets)
      .set({ createdAt: new Date(ago(700)), resolvedAt: new Date(ago(699)), satisfaction: 1 })
      .where(eq(tickets.id, old.id))
    // Meetings and visits count; calls do not; neither does a meeting two years ago.
    await post('/api/v1/activities', {
      kind: 'meeting',
      subject: 'QBR',
      occurredAt: ago(30),
      durationMinutes: 90,
    })
    await post('/api/v1/activities', {
      kind: 'visit',
      subject: 'Site visit',
      occurredAt: ago(60),
      durationMinutes: 120,
    })
    await post('/api/v1/activities', {
      kind: 'call',
      subject: 'Call',
      occurredAt: ago(5),
      durationMinutes: 15,
    })
    await post('/api/v1/activities', {
      kind: 'meeting',
      subject: 'Kick-off',
      occurredAt: ago(800),
      durationMinutes: 60,
    })
    // Milestones: one confirmed, one awaiting confirmation, one pending.
    const m1 = await post('/api/v1/milestones', { title: 'Go-live', dueDate: day(-20) })
    const m2 = await post('/api/v1/milestones', { title: 'Training', dueDate: day(5) })
    await post('/api/v1/milestones', { title: 'Roll-out', dueDate: day(40) })
    await db
      .update(milestones)
      .set({ status: 'confirmed', confirmedAt: new Date(ago(19)), confirmedByName: 'Li Na' })
      .where(eq(milestones.id, m1.id))
    await db.update(milestones).set({ status: 'awaiting_confirmation' }).where(eq(milestones.id, m2.id))
    await db
      .update(accounts)
      .set({ healthScore: '82.50', healthBand: 'healthy' })
      .where(eq(accounts.id, a.id))
    const h = await post('/api/v1/handoffs', {})
    await db.update(handoffs).set({ valueGoal: 'Cut scrap by 15% in year one' }).where(eq(handoffs.id, h.id))
    await org.admin.post('/api/v1/jobs/run', { job: 'renewals_scan' })
  }, 60_000)
  afterAll(() => env?.close())

  it('reports contract value, health, tickets, meetings, milestones, renewals and the value goal for the last year', async () => {
    // The health engine rescores the account from the tickets and meetings above in the background:
    // report once its health has stopped moving, and expect the health the account has then.
    const healthNow = async () => (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.health
    await waitFor(async () => {
      const before = JSON.stringify(await healthNow())
      await new Promise((r) => setTimeout(r, 1500))
      return before === JSON.stringify(await healthNow())
    })
    const health = await healthNow()
    const res = await org.sales.get(`/api/v1/accounts/${a.id}/value-report`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const r = res.body
    expect(r.account).toMatchObject({
      id: a.id,
      name: 'Value Co',
      tier: 'strategic',
      csmId: org.sales2.userId,
    })
    expect(r.period).toEqual({ from: expect.any(String), to: day(0) })
    expect(r.valueGoal).toBe('Cut scrap by 15% in year one')
    expect(r.contracts.activeCount).toBe(2)
    expect(r.contracts.activeValue).toEqual([
      { currency: 'CNY', amount: '300000.00' },
      { currency: 'USD', amount: '20000.50' },
    ])
    expect(r.contracts.items.map((c: any) => c.number).sort()).toEqual(['V-0', 'V-1', 'V-2', 'V-draft'])
    expect(health).toBeTruthy()
    expect(r.health).toEqual({ score: health.score, band: health.band })
    expect(r.tickets).toEqual({
      opened: 3,
      resolved: 2,
      resolutionRate: 0.6667,
      averageResolutionHours: 36,
      satisfaction: 4.5,
      satisfactionResponses: 2,
    })
    expect(r.meetings).toEqual({ held: 2, minutes: 210 })
    expect(r.milestones).toMatchObject({ total: 3, confirmed: 1, awaiting: 1 })
    expect(r.milestones.items.map((m: any) => [m.title, m.status])).toEqual([
      ['Go-live', 'confirmed'],
      ['Training', 'awaiting_confirmation'],
      ['Roll-out', 'pending'],
    ])
    expect(r.milestones.items[0].confirmedByName).toBe('Li Na')
    expect(r.renewals.map((x: any) => [x.number, x.daysLeft])).toEqual([['V-1', 50]])
    expect(r.renewals[0].renewalOpportunityId).toEqual(expect.any(String))
  })

  it('narrows to a period, refuses a reversed one and hides accounts the person cannot see', async () => {
    const narrow = (
      await org.sales.get(`/api/v1/accounts/${a.id}/value-report?from=${day(-15)}&to=${day(0)}`)
    ).body
    expect(narrow.tickets).toMatchObject({ opened: 2, resolved: 1, resolutionRate: 0.5, satisfaction: 4 })
    expect(narrow.meetings).toEqual({ held: 0, minutes: 0 })
    expect(
      (await org.sales.get(`/api/v1/accounts/${a.id}/value-report?from=${day(0)}&to=${day(-1)}`)).status,
    ).toBe(400)
    expect((await org.outsider.get(`/api/v1/accounts/${a.id}/value-report`)).status).toBe(404)
  })

  it("states measured outcomes against the period before, and the customer's before/after KPIs", async () => {
    const db = env.rt.database.db
    const s = org.sales
    const f = (await s.post('/api/v1/accounts', { name: 'Figures Co' })).body
    await db
      .update(accounts)
      .set({ createdAt: new Date(ago(1000)) })
      .where(eq(accounts.id, f.id))
    // Usage: 100 events by 4 people in the year before, 150 by 6 in the last year.
    const usage = (n: number, people: number, fromDays: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: newId(),
        workspaceId: org.wsId,
        accountId: f.id,
        type: i % 3 ? 'feature_used' : 'login',
        actor: `u${i % people}@figures`,
        at: new Date(ago(fromDays + (i * 300) / n)),
      }))
    await db.insert(usageEvents).values([...usage(100, 4, 400), ...usage(150, 6, 20)])
    // Tickets: four the year before (24, 48, 48, 72 h to resolve), two this year (12 and 24 h).
    const ticket = async (openedDaysAgo: number, hours: number) => {
      const t = (await s.post('/api/v1/tickets', { accountId: f.id, subject: `T ${openedDaysAgo}` })).body
      const created = new Date(ago(openedDaysAgo))
      await db
        .update(tickets)
        .set({
          createdAt: created,
          resolvedAt: new Date(created.getTime() + hours * 3_600_000),
          status: 'resolved',
        })
        .where(eq(tickets.id, t.id))
    }
    for (const [d, h] of [
      [500, 24],
      [520, 48],
      [540, 48],
      [560, 72],
      [30, 12],
      [60, 24],
    ] as const)
      await ticket(d, h)
    // KPIs: validated, then entered.
    const bad = await s.post('/api/v1/value-kpis', {
      accountId: f.id,
      name: 'Cost',
      before: 'a lot',
      after: 1,
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toMatch(/before|betterWhen/)
    expect(
      (
        await org.outsider.post('/api/v1/value-kpis', {
          accountId: f.id,
          name: 'Cost',
          before: 1,
          after: 1,
          betterWhen: 'lower',
        })
      ).status,
    ).toBeGreaterThanOrEqual(400)
    for (const k of [
      { name: 'Cost per order', unit: 'CNY', before: 120, after: 90, betterWhen: 'lower' },
      { name: 'Orders per hour', unit: 'orders', before: 50, after: 65, betterWhen: 'higher' },
      { name: 'Scrap rate', unit: '%', before: 2, after: 2.5, betterWhen: 'lower', note: 'new line' },
    ]) {
      const r = await s.post('/api/v1/value-kpis', { accountId: f.id, ...k })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
    }
    const res = await s.get(`/api/v1/accounts/${f.id}/value-report`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const g = res.body.figures
    expect(g.previousPeriod.to).toBe(day(-366))
    expect(g.usage.events).toEqual({
      previous: 100,
      current: 150,
      change: 50,
      changePercent: 50,
      improved: true,
      betterWhen: 'higher',
    })
    expect(g.usage.activeUsers).toMatchObject({ previous: 4, current: 6, changePercent: 50, improved: true })
    expect(g.tickets.opened).toMatchObject({
      previous: 4,
      current: 2,
      change: -2,
      changePercent: -50,
      improved: true,
    })
    expect(g.tickets.medianResolutionHours).toMatchObject({ previous: 48, current: 18, changePercent: -62.5 })
    expect(g.tickets.meanResolutionHours).toMatchObject({ previous: 48, current: 18, improved: true })
    expect(g.goals).toEqual({ valueGoal: null, milestonesTotal: 0, milestonesConfirmed: 0, metPercent: null })
    expect(g.kpis.map((k: any) => [k.name, k.change, k.changePercent, k.improved])).toEqual([
      ['Cost per order', -30, -25, true],
      ['Orders per hour', 15, 30, true],
      ['Scrap rate', 0.5, 25, false],
    ])

    // An account without usage data or history: no figure is made up.
    const v = (await s.get(`/api/v1/accounts/${a.id}/value-report`)).body.figures
    expect(v.usage.events).toMatchObject({
      previous: null,
      current: null,
      changePercent: null,
      improved: null,
    })
    expect(v.tickets.opened.previous).toBeNull()
    // The old ticket (resolved in 24 h) falls in the period before: slower now, and said so.
    expect(v.tickets.medianResolutionHours).toMatchObject({
      previous: 24,
      current: 36,
      change: 12,
      improved: false,
    })
    expect(v.goals).toEqual({
      valueGoal: 'Cut scrap by 15% in year one',
      milestonesTotal: 3,
      milestonesConfirmed: 1,
      metPercent: 33.3,
    })
  })
})
