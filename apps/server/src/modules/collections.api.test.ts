import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../test/harness'

let env: TestEnv
let org: Org
let other: Org
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  const acc = await org.sales.post('/api/v1/accounts', { name: 'Parent account', industry: 'finance' })
  expect(acc.status).toBe(201)
  ids.account = acc.body.id
  const foreign = await other.admin.post('/api/v1/accounts', { name: 'Foreign parent' })
  ids.foreignAccount = foreign.body.id
  ids.contact = (
    await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Zhang Wei' })
  ).body.id
  ids.opportunity = (
    await org.sales.post('/api/v1/opportunities', { accountId: ids.account, name: 'First deal' })
  ).body.id
})
afterAll(() => env?.close())

type Case = {
  collection: string
  create: () => Record<string, unknown>
  patch: Record<string, unknown>
  invalid: () => Record<string, unknown>
  invalidPaths: string[]
  filter: string
}

const a = () => ids.account
const cases: Case[] = [
  {
    collection: 'accounts',
    create: () => ({
      name: '华锐精密',
      industry: 'manufacturing',
      creditCode: '91310000MA1FL8XY3K',
      domain: 'Huarui.example.com',
      annualRevenue: { amount: '350000000.00', currency: 'CNY' },
      employees: 1200,
      sizeBand: 'large',
      tier: 'strategic',
      painPoints: ['manual scheduling'],
    }),
    patch: { techMaturity: 'high', branches: 4 },
    invalid: () => ({ name: '', creditCode: 'abc', domain: 'not a domain', employees: -1, tier: 'gold' }),
    invalidPaths: ['name', 'creditCode', 'domain', 'employees', 'tier'],
    filter: 'tier=strategic',
  },
  {
    collection: 'contacts',
    create: () => ({
      accountId: a(),
      name: 'Li Na',
      buyingRole: 'economic_buyer',
      influence: 5,
      stance: 'champion',
      email: 'li.na@example.com',
    }),
    patch: { relationshipStrength: 4, title: 'CFO' },
    invalid: () => ({ accountId: 'x', name: '', influence: 9, stance: 'friend', email: 'nope' }),
    invalidPaths: ['accountId', 'name', 'influence', 'stance', 'email'],
    filter: 'buyingRole=economic_buyer',
  },
  {
    collection: 'leads',
    create: () => ({
      name: 'Wang Fang',
      company: 'Spruce Retail',
      source: 'website',
      score: 72,
      email: 'wf@example.com',
    }),
    patch: { status: 'working' },
    invalid: () => ({ name: '', score: 101, source: 'tv' }),
    invalidPaths: ['name', 'score', 'source'],
    filter: 'source=website',
  },
  {
    collection: 'opportunities',
    create: () => ({
      accountId: a(),
      name: 'Expansion',
      amount: '1200000.00',
      currency: 'CNY',
      stage: 'discovery',
      type: 'upsell',
      expectedCloseDate: '2027-03-31',
    }),
    patch: { probability: 40 },
    invalid: () => ({
      accountId: a(),
      name: '',
      amount: '1.234',
      stage: 'closing',
      expectedCloseDate: '31/03/2027',
    }),
    invalidPaths: ['name', 'amount', 'stage', 'expectedCloseDate'],
    filter: 'stage=discovery',
  },
  {
    collection: 'activities',
    create: () => ({
      accountId: a(),
      kind: 'meeting',
      subject: 'Quarterly review',
      body: 'Minutes: agreed next steps',
      durationMinutes: 90,
      contactIds: [ids.contact],
      occurredAt: '2026-10-01T02:00:00.000Z',
    }),
    patch: { durationMinutes: 75 },
    invalid: () => ({ accountId: a(), kind: 'lunch', subject: '', durationMinutes: -5 }),
    invalidPaths: ['kind', 'subject', 'durationMinutes'],
    filter: 'kind=meeting',
  },
  {
    collection: 'quotes',
    create: () => ({
      accountId: a(),
      number: 'Q-2026-001',
      amount: '500000',
      status: 'sent',
      issueDate: '2026-09-01',
      validUntil: '2026-10-01',
    }),
    patch: { status: 'accepted' },
    invalid: () => ({ accountId: a(), number: '', amount: 'lots', status: 'won' }),
    invalidPaths: ['number', 'amount', 'status'],
    filter: 'status=sent',
  },
  {
    collection: 'orders',
    create: () => ({
      accountId: a(),
      number: 'SO-1',
      amount: 80000,
      status: 'confirmed',
      orderDate: '2026-09-02',
    }),
    patch: { status: 'fulfilled' },
    invalid: () => ({ accountId: a(), number: 'SO-2', amount: '1', status: 'lost', orderDate: 'yesterday' }),
    invalidPaths: ['status', 'orderDate'],
    filter: 'status=confirmed',
  },
  {
    collection: 'contracts',
    create: () => ({
      accountId: a(),
      number: 'C-2026-01',
      amount: '1200000.00',
      status: 'active',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      autoRenew: true,
    }),
    patch: { terms: 'Net 30' },
    invalid: () => ({ accountId: a(), number: 'C-2', amount: '1', status: 'signed', autoRenew: 'yes' }),
    invalidPaths: ['status', 'autoRenew'],
    filter: 'status=active',
  },
  {
    collection: 'invoices',
    create: () => ({
      accountId: a(),
      number: 'INV-1',
      amount: '300000.00',
      status: 'issued',
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
    }),
    patch: { status: 'overdue' },
    invalid: () => ({ accountId: a(), number: 'INV-2', amount: '1', status: 'late' }),
    invalidPaths: ['status'],
    filter: 'status=issued',
  },
  {
    collection: 'payments',
    create: () => ({
      accountId: a(),
      number: 'PAY-1',
      amount: '300000.00',
      status: 'overdue',
      dueDate: '2026-10-01',
      method: 'bank_transfer',
    }),
    patch: { status: 'paid', paidDate: '2026-10-20' },
    invalid: () => ({ accountId: a(), number: 'PAY-2', amount: '1', status: 'late', method: 'gold' }),
    invalidPaths: ['status', 'method'],
    filter: 'status=overdue',
  },
  {
    collection: 'tickets',
    create: () => ({
      accountId: a(),
      contactId: ids.contact,
      subject: 'Login fails',
      type: 'incident',
      priority: 'high',
      status: 'open',
    }),
    patch: { status: 'resolved', satisfaction: 4 },
    invalid: () => ({ accountId: a(), subject: '', priority: 'p1', satisfaction: 6 }),
    invalidPaths: ['subject', 'priority', 'satisfaction'],
    filter: 'priority=high',
  },
  {
    collection: 'tasks',
    create: () => ({
      title: 'Send proposal',
      accountId: a(),
      dueAt: '2026-12-01T09:00:00.000Z',
      priority: 'high',
      relatedType: 'opportunity',
      relatedId: ids.opportunity,
    }),
    patch: { status: 'done' },
    invalid: () => ({ title: '', status: 'later', dueAt: 'tomorrow' }),
    invalidPaths: ['title', 'status', 'dueAt'],
    filter: 'priority=high',
  },
  {
    collection: 'marketing-touches',
    create: () => ({
      accountId: a(),
      contactId: ids.contact,
      kind: 'event_attended',
      title: 'Shanghai CIO summit',
      campaign: 'CIO-2026',
    }),
    patch: { campaign: 'CIO-2026-Q4' },
    invalid: () => ({ accountId: a(), kind: 'billboard', title: '' }),
    invalidPaths: ['kind', 'title'],
    filter: 'kind=event_attended',
  },
]

describe.each(cases)('$collection', (c) => {
  const base = `/api/v1/${c.collection}`
  let created: Record<string, any>

  it('creates, reads, lists with a filter, updates with a version, deletes and restores', async () => {
    const res = await org.sales.post(base, c.create())
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    created = res.body
    expect(created).toMatchObject({ version: 1, ownerId: org.sales.userId })
    expect((await org.sales.get(`${base}/${created.id}`)).body.id).toBe(created.id)
    const list = await org.sales.get(`${base}?${c.filter}&limit=100`)
    expect(list.status).toBe(200)
    expect(list.body.data.map((r: { id: string }) => r.id)).toContain(created.id)
    const upd = await org.sales.patch(`${base}/${created.id}`, { version: 1, ...c.patch })
    expect(upd.status, JSON.stringify(upd.body)).toBe(200)
    expect(upd.body).toMatchObject({ version: 2, ...c.patch })
    expect((await org.sales.patch(`${base}/${created.id}`, { version: 1, ...c.patch })).status).toBe(409)
    expect((await org.sales.del(`${base}/${created.id}`)).status).toBe(200)
    expect((await org.sales.get(`${base}/${created.id}`)).status).toBe(404)
    expect((await org.sales.post(`${base}/${created.id}/restore`)).status).toBe(200)
  })

  it('lists every invalid field', async () => {
    const res = await org.sales.post(base, c.invalid())
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(c.invalidPaths))
  })

  it('answers 404 to another workspace and hides the record from people who cannot see its account', async () => {
    expect((await other.admin.get(`${base}/${created.id}`)).status).toBe(404)
    expect((await other.admin.patch(`${base}/${created.id}`, { version: 1 })).status).toBe(404)
    expect((await org.outsider.get(`${base}/${created.id}`)).status).toBe(404)
    expect((await org.manager.get(`${base}/${created.id}`)).status).toBe(200)
    expect((await org.executive.get(`${base}/${created.id}`)).status).toBe(200)
  })
})

describe('records that belong to an account', () => {
  it('refuse an account of another workspace or one the person cannot see', async () => {
    const foreign = await org.admin.post('/api/v1/contacts', { accountId: ids.foreignAccount, name: 'X' })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors).toEqual([{ path: 'accountId', message: 'no such account in this workspace' }])
    const hidden = await org.outsider.post('/api/v1/contacts', { accountId: ids.account, name: 'Y' })
    expect(hidden.status).toBe(400)
  })

  it('keep a contact’s last-contact date from the activities that name them', async () => {
    const c = (await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Met later' })).body
    await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'call',
      subject: 'Call',
      contactIds: [c.id],
      occurredAt: '2026-11-01T08:00:00.000Z',
    })
    await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'email',
      subject: 'Older',
      contactIds: [c.id],
      occurredAt: '2026-10-01T08:00:00.000Z',
    })
    expect((await org.sales.get(`/api/v1/contacts/${c.id}`)).body.lastContactedAt).toBe(
      '2026-11-01T08:00:00.000Z',
    )
  })

  it('refuse a reporting loop and a manager from another account', async () => {
    const boss = (await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Boss' })).body
    const mid = (
      await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Mid', reportsToId: boss.id })
    ).body
    const low = (
      await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Low', reportsToId: mid.id })
    ).body
    const loop = await org.sales.patch(`/api/v1/contacts/${boss.id}`, {
      version: boss.version,
      reportsToId: low.id,
    })
    // A loop is a business rule over the other contacts' lines: 422, naming the chain, as on /reports-to.
    expect(loop.status).toBe(422)
    expect(loop.body).toMatchObject({
      code: 'reporting_cycle',
      chain: [boss.id, low.id, mid.id, boss.id],
      detail: expect.stringContaining('Boss → Low → Mid → Boss'),
    })
    expect(loop.body.errors[0]).toMatchObject({ path: 'reportsToId', message: expect.stringMatching(/loop/) })
    expect((await org.sales.get(`/api/v1/contacts/${boss.id}`)).body.reportsToId).toBeNull()
    const self = await org.sales.patch(`/api/v1/contacts/${boss.id}`, {
      version: boss.version,
      reportsToId: boss.id,
    })
    expect(self.status).toBe(400)
    const otherAcc = (await org.sales.post('/api/v1/accounts', { name: 'Second' })).body
    const stranger = await org.sales.post('/api/v1/contacts', {
      accountId: otherAcc.id,
      name: 'S',
      reportsToId: boss.id,
    })
    expect(stranger.body.errors[0]).toEqual({
      path: 'reportsToId',
      message: 'must be a contact of the same account',
    })
  })

  it('marks a contact who left with the date', async () => {
    const c = (await org.sales.post('/api/v1/contacts', { accountId: ids.account, name: 'Leaver' })).body
    const left = await org.sales.patch(`/api/v1/contacts/${c.id}`, { version: 1, active: false })
    expect(left.body.leftAt).not.toBeNull()
  })

  it('sets wonAt and demands a loss reason', async () => {
    const o = (await org.sales.post('/api/v1/opportunities', { accountId: ids.account, name: 'To win' })).body
    expect(o).toMatchObject({ stage: 'discovery', status: 'open' })
    const reasons = (await org.sales.get('/api/v1/pipelines?isDefault=true')).body.data[0]
    const won = await org.sales.post(`/api/v1/opportunities/${o.id}/close`, {
      outcome: 'won',
      reason: reasons.winReasons[0],
    })
    expect(won.body.wonAt).not.toBeNull()
    const lost = await org.sales.post(`/api/v1/opportunities/${o.id}/close`, { outcome: 'lost' })
    expect(lost.body.errors).toEqual([{ path: 'reason', message: expect.any(String) }])
  })

  it('refuses a duplicate unified social credit code', async () => {
    const code = '91440300MA5G3X7P1Q'
    expect((await org.admin.post('/api/v1/accounts', { name: 'One', creditCode: code })).status).toBe(201)
    const dup = await org.admin.post('/api/v1/accounts', { name: 'Two', creditCode: code })
    // A duplicate is a 409 (API.md), naming the account that has the code.
    expect(dup.status).toBe(409)
    expect(dup.body.code).toBe('duplicate_account')
    expect(dup.body.errors[0].path).toBe('creditCode')
  })
})

describe('marketing touches in bulk', () => {
  it('ingests many at once and skips those already seen', async () => {
    const batch = Array.from({ length: 250 }, (_, i) => ({
      accountId: ids.account,
      kind: i % 2 ? 'email_clicked' : 'page_visited',
      title: `Touch ${i}`,
      externalId: `ext-${i}`,
    }))
    const first = await org.sales.post('/api/v1/marketing-touches/bulk', batch)
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ received: 250, created: 250, skipped: 0 })
    const again = await org.sales.post('/api/v1/marketing-touches/bulk', batch.slice(0, 100))
    expect(again.body).toEqual({ received: 100, created: 0, skipped: 100 })
    const bad = await org.sales.post('/api/v1/marketing-touches/bulk', [
      { accountId: ids.foreignAccount, kind: 'page_visited', title: 'x' },
      { accountId: ids.account, kind: 'radio', title: 'y' },
    ])
    expect(bad.status).toBe(400)
    const list = await org.sales.get(`/api/v1/marketing-touches?accountId=${ids.account}&limit=500`)
    expect(list.body.data.length).toBeGreaterThanOrEqual(250)
  })
})
