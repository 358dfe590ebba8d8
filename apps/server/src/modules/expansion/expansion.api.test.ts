import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsSettled, makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { accounts } from '../accounts'
import { recordMetricsSilently } from '../health'
import { generateSuggestions } from './expansion.service'

const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

describe('expansion suggestions', () => {
  let env: TestEnv
  let org: Org
  const ids: Record<string, string> = {}
  const list = async (q = '') =>
    (await org.admin.get(`/api/v1/expansion-suggestions?limit=200${q}`)).body.data as any[]
  const of = async (key: string, q = '') => list(`&accountId=${ids[key]}${q}`)

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const account = async (key: string, body: Record<string, unknown>) => {
      const res = await org.sales.post('/api/v1/accounts', { name: `Expansion ${key}`, ...body })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      ids[key] = res.body.id
    }
    await account('seats', {
      industry: 'manufacturing',
      annualSpend: { amount: '300000.00', currency: 'CNY' },
    })
    for (const p of ['p1', 'p2', 'p3']) await account(p, { industry: 'manufacturing' })
    await account('renewing', { industry: 'retail', annualSpend: { amount: '200000.00', currency: 'CNY' } })
    await account('crossed', { industry: 'finance', annualSpend: { amount: '5000000.00', currency: 'CNY' } })
    await account('quiet', { industry: 'energy' })
    const db = env.rt.database.db
    await recordMetricsSilently(db, org.wsId, [
      { accountId: ids.seats!, metric: 'licensed_seats', value: 100, at: new Date() },
      { accountId: ids.seats!, metric: 'active_users', value: 92, at: new Date() },
      { accountId: ids.quiet!, metric: 'licensed_seats', value: 100, at: new Date() },
      { accountId: ids.quiet!, metric: 'active_users', value: 30, at: new Date() },
    ] as any)
    const used = (key: string, feature: string) => ({
      accountId: ids[key],
      type: 'feature_used',
      feature,
      at: ago(3),
      eventId: `${key}-${feature}`,
    })
    const usage = await org.sales.post('/api/v1/usage-events', [
      used('seats', 'crm'),
      ...['p1', 'p2', 'p3'].flatMap((p) => [used(p, 'crm'), used(p, 'analytics')]),
    ])
    expect(usage.status, JSON.stringify(usage.body)).toBe(202)
    const contract = await org.admin.post('/api/v1/contracts', {
      ownerId: org.sales.userId,
      accountId: ids.renewing,
      number: 'EXP-R1',
      amount: '200000.00',
      status: 'active',
      startDate: day(-300),
      endDate: day(60),
    })
    expect(contract.status, JSON.stringify(contract.body)).toBe(201)
    // The creates' handlers and the usage's debounced health refresh re-tier the accounts: they run first, so
    // that the tiers set below stay as set (on PostgreSQL they ran after it now and then, and the "crossed"
    // account was strategic again when the suggestions were made).
    await eventsSettled(env, org.wsId, { delayed: true, timeoutMs: 30_000 })
    // The tiers as the rules would leave them for a while: spend above the strategic line, still growth.
    for (const [key, tier] of [
      ['renewing', 'growth'],
      ['crossed', 'growth'],
      ['seats', 'growth'],
    ] as const)
      await db
        .update(accounts)
        .set({ tier })
        .where(and(eq(accounts.workspaceId, org.wsId), eq(accounts.id, ids[key]!)))
  }, 120_000)
  afterAll(() => env?.close())

  it('generates on demand as a job, each suggestion with its reason and evidence', async () => {
    expect((await org.sales.post('/api/v1/expansion-suggestions/generate')).status).toBe(403)
    const started = await org.admin.post('/api/v1/expansion-suggestions/generate')
    expect(started.status).toBe(202)
    expect(started.body.jobId).toMatch(/^[0-9a-f-]{36}$/)
    const all = await waitFor(async () => {
      const rows = await list()
      return rows.length >= 4 && rows
    })
    const rules = Object.fromEntries(
      Object.entries(ids).map(([k, id]) => [
        k,
        all
          .filter((s) => s.accountId === id)
          .map((s) => s.rule)
          .sort(),
      ]),
    )
    expect(rules).toMatchObject({
      seats: ['peer_module', 'seat_pressure'],
      renewing: ['renewal_window'],
      crossed: ['tier_line'],
      quiet: [],
      p1: [],
    })
    for (const s of all) {
      expect(s.reason.length, JSON.stringify(s)).toBeGreaterThan(20)
      expect(Object.keys(s.evidence).length).toBeGreaterThan(0)
      expect(s.status).toBe('open')
    }
    const seat = all.find((s) => s.rule === 'seat_pressure')!
    expect(seat).toMatchObject({
      kind: 'upsell',
      evidence: { activeUsers: 92, seats: 100, sharePercent: 92 },
    })
    expect(seat.reason).toContain('92 active users')
    expect(all.find((s) => s.rule === 'peer_module')).toMatchObject({
      kind: 'cross_sell',
      evidence: { module: 'analytics', peersWithModule: 3, peers: 3 },
    })
    // The reason in the reader's language.
    const zh = await env.app.inject({
      method: 'GET',
      url: `/api/v1/expansion-suggestions?accountId=${ids.seats}&kind=upsell`,
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
    })
    expect(JSON.parse(zh.body).data[0].reason).toContain('活跃用户 92 人')
  })

  it('shows suggestions through the account: its owner sees them, a salesperson outside its team does not', async () => {
    expect(
      (await org.sales.get(`/api/v1/expansion-suggestions?accountId=${ids.seats}`)).body.data.length,
    ).toBe(2)
    expect((await org.outsider.get('/api/v1/expansion-suggestions')).body.data).toEqual([])
    const [s] = await of('crossed')
    expect((await org.outsider.post(`/api/v1/expansion-suggestions/${s.id}/accept`)).status).toBe(404)
  })

  it('accepts a suggestion once: an opportunity of its type, linked, audited and evented; again is a 409', async () => {
    const [s] = await of('seats', '&kind=upsell')
    const res = await org.sales.post(`/api/v1/expansion-suggestions/${s.id}/accept`)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      type: 'upsell',
      accountId: ids.seats,
      status: 'open',
      ownerId: org.sales.userId,
    })
    const [after] = await of('seats', '&status=accepted')
    expect(after).toMatchObject({ id: s.id, status: 'accepted', opportunityId: res.body.id })
    const twice = await org.sales.post(`/api/v1/expansion-suggestions/${s.id}/accept`)
    expect(twice.status).toBe(409)
    expect(twice.body.code).toBe('expansion_suggestion_accepted')
    const opps = (await org.admin.get(`/api/v1/opportunities?accountId=${ids.seats}`)).body.data
    expect(opps.map((o: any) => o.id)).toEqual([res.body.id])

    const [cross] = await of('seats', '&kind=cross_sell')
    expect((await org.sales.post(`/api/v1/expansion-suggestions/${cross.id}/accept`)).body.type).toBe(
      'cross_sell',
    )

    const audit = (
      await org.admin.get(`/api/v1/audit-log?entityType=expansion_suggestion&entityId=${s.id}&limit=50`)
    ).body.data
    expect(audit.length).toBeGreaterThanOrEqual(1)
    const events = await env.rt.database.db.execute(
      `select type from outbox where entity_id = '${s.id}' order by type` as any,
    )
    expect((events as any).rows.map((r: any) => r.type)).toEqual(
      expect.arrayContaining(['expansion_suggestion.accepted', 'expansion_suggestion.updated']),
    )
  })

  it('dismisses only with a reason, and does not suggest the same again', async () => {
    const [s] = await of('crossed')
    for (const body of [{}, { reason: '   ' }]) {
      const bad = await org.sales.post(`/api/v1/expansion-suggestions/${s.id}/dismiss`, body)
      expect(bad.status).toBe(400)
      expect(bad.body.code).toBe('dismiss_reason_required')
      expect(bad.body.errors[0].path).toBe('reason')
    }
    const ok = await org.sales.post(`/api/v1/expansion-suggestions/${s.id}/dismiss`, {
      reason: 'budget frozen this year',
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'dismissed', dismissReason: 'budget frozen this year' })
    expect((await org.sales.post(`/api/v1/expansion-suggestions/${s.id}/accept`)).status).toBe(409)

    const before = (await list()).length
    expect(await generateSuggestions(env.rt.database.db, env.rt.events, org.wsId)).toEqual({ created: 0 })
    expect((await list()).length).toBe(before)
    expect((await of('crossed', '&status=open')).length).toBe(0)
  })

  it('reports revenue retention per period and tier from the contracts the person may read', async () => {
    const res = await org.admin.get('/api/v1/insights/revenue-retention?period=quarter&groupBy=tier')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.periods).toHaveLength(8)
    const now = res.body.periods.at(-1)
    expect(now.running).toBe(true)
    // EXP-R1 runs 361 days from 300 days ago: its annualised value is 200,000 × 365 ÷ 361, all kept.
    expect(now.groups).toEqual([
      expect.objectContaining({
        key: 'growth',
        accounts: 1,
        startArr: 202216.07,
        grr: 100,
        nrr: 100,
        churned: 0,
      }),
    ])
    expect((await org.outsider.get('/api/v1/insights/revenue-retention')).body.periods.at(-1).groups).toEqual(
      [],
    )
    expect((await org.admin.get('/api/v1/insights/revenue-retention?period=week')).status).toBe(400)
  })

  it('refuses a bad filter with a 400 naming it', async () => {
    const res = await org.admin.get('/api/v1/expansion-suggestions?status=maybe')
    expect(res.status).toBe(400)
  })
})
