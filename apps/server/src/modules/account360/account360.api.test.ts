import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org
let rich: string
let empty: string

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  rich = (await org.sales.post('/api/v1/accounts', { name: 'Rich account', tier: 'strategic' })).body.id
  empty = (await org.sales.post('/api/v1/accounts', { name: 'Empty account' })).body.id
  const contact = (
    await org.sales.post('/api/v1/contacts', {
      accountId: rich,
      name: 'Champion',
      buyingRole: 'economic_buyer',
      stance: 'champion',
    })
  ).body
  const opp = (
    await org.sales.post('/api/v1/opportunities', { accountId: rich, name: 'Deal', amount: '100000' })
  ).body
  // The new deal's first-stage SOP tasks (two, through the rule engine) are part of the account.
  await waitFor(async () => {
    const t = (await org.sales.get(`/api/v1/tasks?relatedId=${opp.id}&source=sop`)).body.data
    return t.length === 2
  })
  await org.sales.post('/api/v1/contracts', {
    accountId: rich,
    number: 'C-1',
    amount: '100000',
    status: 'active',
    endDate: '2027-01-31',
  })
  await org.sales.post('/api/v1/orders', {
    accountId: rich,
    number: 'O-1',
    amount: '1000',
    status: 'pending',
  })
  await org.sales.post('/api/v1/invoices', {
    accountId: rich,
    number: 'I-1',
    amount: '1000',
    status: 'issued',
  })
  await org.sales.post('/api/v1/payments', {
    accountId: rich,
    number: 'P-1',
    amount: '1000',
    status: 'overdue',
    dueDate: '2026-01-01',
  })
  await org.sales.post('/api/v1/quotes', { accountId: rich, number: 'Q-1', amount: '1000', status: 'sent' })
  await org.sales.post('/api/v1/tickets', {
    accountId: rich,
    subject: 'Broken export',
    contactId: contact.id,
  })
  await org.sales.post('/api/v1/tasks', {
    accountId: rich,
    title: 'Call back',
    relatedType: 'opportunity',
    relatedId: opp.id,
  })
  // Thousands of timeline entries, inserted in bulk through the touches endpoint plus activities.
  const base = Date.parse('2025-01-01T00:00:00.000Z')
  const touches = Array.from({ length: 2000 }, (_, i) => ({
    accountId: rich,
    kind: 'page_visited',
    title: `Visited page ${i}`,
    occurredAt: new Date(base + i * 3_600_000).toISOString(),
  }))
  expect((await org.sales.post('/api/v1/marketing-touches/bulk', touches)).status).toBe(200)
  for (let i = 0; i < 30; i++) {
    await org.sales.post('/api/v1/activities', {
      accountId: rich,
      kind: i % 2 ? 'meeting' : 'call',
      subject: `Touchpoint ${i}`,
      occurredAt: new Date(base + (i * 70 + 5) * 3_600_000).toISOString(),
      contactIds: [contact.id],
    })
  }
}, 120_000)
afterAll(() => env?.close())

describe('GET /accounts/:id/360', () => {
  it('answers an account with no records with empty sections', async () => {
    const res = await org.sales.get(`/api/v1/accounts/${empty}/360`)
    expect(res.status).toBe(200)
    expect(res.body.account.name).toBe('Empty account')
    for (const key of [
      'contacts',
      'timeline',
      'opportunities',
      'contracts',
      'orders',
      'invoices',
      'payments',
      'tickets',
      'marketing',
      'tasks',
      'alerts',
    ]) {
      expect(res.body[key], key).toEqual([])
    }
    expect(res.body.timelineNextCursor).toBeNull()
    expect(res.body.decisionMap.uncoveredRoles).toHaveLength(5)
    expect(res.body).toHaveProperty('health', null)
    expect(res.body).toHaveProperty('potential', null)
  })

  it('gathers every section of a busy account', async () => {
    const res = await org.sales.get(`/api/v1/accounts/${rich}/360`)
    expect(res.status).toBe(200)
    const b = res.body
    expect(b.contacts).toHaveLength(1)
    expect(b.opportunities).toHaveLength(1)
    for (const key of ['contracts', 'orders', 'invoices', 'payments', 'quotes', 'tickets'])
      expect(b[key], key).toHaveLength(1)
    expect(b.tasks.map((t: { source: string }) => t.source).sort()).toEqual(['manual', 'sop', 'sop'])
    expect(b.marketing.length).toBe(100)
    expect(b.decisionMap.champions).toEqual([b.contacts[0].id])
    expect(b.decisionMap.uncoveredRoles).not.toContain('economic_buyer')
    expect(b.timeline).toHaveLength(50)
    // The route serialises without re-validating: nothing internal may leak.
    for (const rec of [b.account, b.contacts[0], b.opportunities[0], b.payments[0], b.marketing[0]]) {
      expect(rec).not.toHaveProperty('workspaceId')
      expect(rec).not.toHaveProperty('healthScore')
    }
    expect(b.timelineNextCursor).toBeTruthy()
  })

  it('gives each section what the collection list gives for the account', async () => {
    const b = (await org.sales.get(`/api/v1/accounts/${rich}/360`)).body
    const lists: [string, string][] = [
      ['contacts', `contacts?sort=name&limit=500`],
      ['opportunities', `opportunities?sort=-updatedAt&limit=100`],
      ['quotes', `quotes?sort=-updatedAt&limit=100`],
      ['contracts', `contracts?sort=-endDate&limit=100`],
      ['orders', `orders?sort=-updatedAt&limit=100`],
      ['invoices', `invoices?sort=-dueDate&limit=100`],
      ['payments', `payments?sort=-dueDate&limit=100`],
      ['tickets', `tickets?sort=-updatedAt&limit=100`],
      ['marketing', `marketing-touches?sort=-occurredAt&limit=100`],
      ['tasks', `tasks?sort=dueAt&status=open&limit=100`],
    ]
    for (const [key, path] of lists) {
      const list = await org.sales.get(`/api/v1/${path}&accountId=${rich}`)
      expect(list.status, key).toBe(200)
      expect(b[key], key).toEqual(list.body.data)
    }
    expect(b.account).toEqual((await org.sales.get(`/api/v1/accounts/${rich}`)).body)
  })

  it('pages through thousands of timeline entries newest first without gaps or repeats', async () => {
    const seen: { at: string; refId: string }[] = []
    let cursor: string | null = null
    for (let guard = 0; guard < 20; guard++) {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const res = await org.sales.get(`/api/v1/accounts/${rich}/360?limit=500${q}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.timeline)
      cursor = res.body.timelineNextCursor
      if (!cursor) break
    }
    // 2000 touches, 30 activities, 1 opportunity, 5 commercial records, 1 ticket, 3 tasks (1 manual, 2 SOP)
    expect(seen.length).toBe(2000 + 30 + 1 + 5 + 1 + 3)
    expect(new Set(seen.map((s) => s.refId)).size).toBe(seen.length)
    const times = seen.map((s) => Date.parse(s.at))
    expect(times).toEqual([...times].sort((x, y) => y - x))
  })

  it('filters the timeline by kind', async () => {
    const res = await org.sales.get(`/api/v1/accounts/${rich}/360?kinds=activity,ticket&limit=500`)
    expect(res.body.timeline).toHaveLength(31)
    expect(new Set(res.body.timeline.map((t: { kind: string }) => t.kind))).toEqual(
      new Set(['activity', 'ticket']),
    )
    const meeting = res.body.timeline.find((t: { subtype: string }) => t.subtype === 'meeting')
    expect(meeting).toMatchObject({
      kind: 'activity',
      refType: 'activity',
      title: expect.stringMatching(/^Touchpoint/),
    })
    const bad = await org.sales.get(`/api/v1/accounts/${rich}/360?kinds=gossip`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('kinds')
  })

  it('answers 404 for another workspace and for people who cannot see the account', async () => {
    expect((await other.admin.get(`/api/v1/accounts/${rich}/360`)).status).toBe(404)
    expect((await org.outsider.get(`/api/v1/accounts/${rich}/360`)).status).toBe(404)
    expect((await org.manager.get(`/api/v1/accounts/${rich}/360`)).status).toBe(200)
  })
})
