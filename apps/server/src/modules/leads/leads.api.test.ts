import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

describe('POST /leads/:id/convert', () => {
  it('creates an account, a contact and an opportunity, and marks the lead converted', async () => {
    const lead = (
      await org.sales.post('/api/v1/leads', {
        name: 'Zhou Min',
        company: 'Haichuan Energy',
        email: 'zm@haichuan.example',
        industry: 'energy',
        source: 'event',
      })
    ).body
    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { amount: '250000' })
    expect(res.status).toBe(200)
    expect(res.body.lead).toMatchObject({ status: 'converted', convertedAccountId: res.body.accountId })
    expect(res.body.contact).toMatchObject({
      name: 'Zhou Min',
      email: 'zm@haichuan.example',
      accountId: res.body.accountId,
    })
    expect(res.body.opportunity).toMatchObject({
      stage: 'discovery',
      status: 'open',
      amount: '250000.00',
      source: 'event',
    })
    const acc = await org.sales.get(`/api/v1/accounts/${res.body.accountId}`)
    expect(acc.body).toMatchObject({
      name: 'Haichuan Energy',
      industry: 'energy',
      lifecycleStage: 'opportunity',
    })
    const again = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, {})
    expect(again.status).toBe(422)
    expect(again.body.code).toBe('lead_converted')
  })

  it('offers the existing account of the same name instead of creating a duplicate', async () => {
    const existing = (await org.sales.post('/api/v1/accounts', { name: 'Spruce Retail' })).body
    const lead = (await org.sales.post('/api/v1/leads', { name: 'Wu Lei', company: 'spruce retail' })).body
    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, {})
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({
      code: 'possible_duplicate',
      candidates: [{ id: existing.id, name: 'Spruce Retail' }],
    })
    expect((await org.sales.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('new')
    const merged = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { accountId: existing.id })
    expect(merged.status).toBe(200)
    expect(merged.body.accountId).toBe(existing.id)
  })
})

describe('converting into an existing account', () => {
  it('finds the account by domain, offers it first, and links to it instead of creating a duplicate', async () => {
    const existing = (
      await org.sales.post('/api/v1/accounts', { name: 'Northwind Trading', domain: 'northwind.cn' })
    ).body
    const lead = (
      await org.sales.post('/api/v1/leads', {
        name: 'Qian Hui',
        company: 'Northwind Trading (Shanghai) Co.',
        email: 'qian.hui@northwind.cn',
        title: 'Purchasing manager',
      })
    ).body
    const offered = await org.sales.get(`/api/v1/leads/${lead.id}/convert-candidates`)
    expect(offered.body.data).toEqual([
      { id: existing.id, name: 'Northwind Trading', domain: 'northwind.cn', creditCode: null, on: 'domain' },
    ])
    const first = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { opportunityName: 'Pilot' })
    expect(first.status).toBe(409)
    expect(first.body).toMatchObject({
      code: 'possible_duplicate',
      candidates: [{ id: existing.id, on: 'domain' }],
    })
    const accountsBefore = (await org.admin.get('/api/v1/accounts?q=Northwind&limit=50')).body.data.length

    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, {
      accountId: existing.id,
      opportunityName: 'Pilot',
      amount: '80000',
    })
    expect(res.status).toBe(200)
    expect(res.body.accountId).toBe(existing.id)
    expect(res.body.contact).toMatchObject({ accountId: existing.id, email: 'qian.hui@northwind.cn' })
    expect(res.body.opportunity).toMatchObject({ accountId: existing.id, name: 'Pilot' })
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      convertedAccountId: existing.id,
      convertedContactId: res.body.contact.id,
      convertedOpportunityId: res.body.opportunity.id,
    })
    expect((await org.admin.get('/api/v1/accounts?q=Northwind&limit=50')).body.data.length).toBe(
      accountsBefore,
    )
  })

  it('creates a new account on request, carrying the lead’s domain', async () => {
    await org.sales.post('/api/v1/accounts', { name: 'Twin Name Ltd' })
    const lead = (
      await org.sales.post('/api/v1/leads', {
        name: 'He Jun',
        company: 'Twin Name Ltd',
        email: 'hj@twin2.cn',
      })
    ).body
    const res = await org.sales.post(`/api/v1/leads/${lead.id}/convert`, { createNew: true })
    expect(res.status).toBe(200)
    const acc = (await org.sales.get(`/api/v1/accounts/${res.body.accountId}`)).body
    expect(acc).toMatchObject({ name: 'Twin Name Ltd', domain: 'twin2.cn' })
  })
})

describe('lead scoring and routing', () => {
  const hotProfile = {
    company: 'Acme Precision',
    industry: 'manufacturing',
    employees: 1200,
    title: 'CIO',
    region: 'Shanghai',
    source: 'referral',
    email: 'cio@acme-precision.cn',
  }
  const leadOf = async (id: string) => (await org.admin.get(`/api/v1/leads/${id}`)).body
  const leadNotes = async (who: typeof org.sales, id: string) =>
    ((await who.get('/api/v1/notifications?limit=100')).body.data as any[]).filter((n) => n.relatedId === id)

  beforeAll(async () => {
    const cur = (await org.admin.get('/api/v1/lead-scoring')).body
    expect(cur).toMatchObject({ threshold: 70, behaviour: { halfLifeDays: 14 }, version: 1 })
    const res = await org.admin.put('/api/v1/lead-scoring', {
      version: cur.version,
      routing: { ...cur.routing, strategy: 'round_robin', userIds: [org.sales.userId] },
    })
    expect(res.status).toBe(200)
  })

  it('refuses routing to unknown people and settings from non-administrators', async () => {
    const cur = (await org.admin.get('/api/v1/lead-scoring')).body
    const bad = await org.admin.put('/api/v1/lead-scoring', {
      version: cur.version,
      routing: { ...cur.routing, userIds: ['0190a8d6-0000-7000-8000-000000000000'] },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('routing.userIds.0')
    const badDecay = await org.admin.put('/api/v1/lead-scoring', {
      version: cur.version,
      behaviour: { ...cur.behaviour, halfLifeDays: 0 },
    })
    expect(badDecay.status).toBe(400)
    expect(
      (await org.sales.put('/api/v1/lead-scoring', { version: cur.version, threshold: 50 })).status,
    ).toBe(403)
    expect((await org.admin.get('/api/v1/lead-scoring')).body.version).toBe(cur.version)
  })

  it('assigns a lead above the threshold once and tells its new owner once', async () => {
    const lead = (await org.admin.post('/api/v1/leads', { name: 'Lin Tao', ownerId: null, ...hotProfile }))
      .body
    const routed = await waitFor(async () => {
      const l = await leadOf(lead.id)
      return l.routedAt && l
    })
    expect(routed).toMatchObject({ ownerId: org.sales.userId, score: 70 })
    expect(routed.scoreBreakdown.profilePoints).toBe(70)
    const notes = await waitFor(async () => {
      const n = await leadNotes(org.sales, lead.id)
      return n.length > 0 && n
    })
    expect(notes).toHaveLength(1)
    expect(notes[0].subject).toContain('Lin Tao')

    // More behaviour and a nightly rescore change the score but do not route again.
    const more = await org.admin.post(`/api/v1/leads/${lead.id}/events`, [
      { kind: 'demo_requested' },
      { kind: 'page_visited' },
    ])
    expect(more.status).toBe(201)
    expect(more.body).toMatchObject({ recorded: 2, routed: false })
    expect(more.body.lead.score).toBe(92)
    expect((await org.admin.post('/api/v1/jobs/run', { job: 'leads_rescore' })).status).toBe(200)
    expect(await leadNotes(org.sales, lead.id)).toHaveLength(1)
    expect((await leadOf(lead.id)).ownerId).toBe(org.sales.userId)
  })

  it('leaves a lead below the threshold unassigned, and routes it when behaviour lifts it over', async () => {
    const lead = (
      await org.admin.post('/api/v1/leads', {
        name: 'Sun Yue',
        ownerId: null,
        company: 'Small Shop',
        email: 'sun@163.com',
        source: 'ads',
      })
    ).body
    const scored = await waitFor(async () => {
      const l = await leadOf(lead.id)
      return l.scoredAt && l
    })
    expect(scored).toMatchObject({ score: 3, ownerId: null, routedAt: null })
    expect(scored.scoreBreakdown.profile).toEqual([{ factor: 'source', value: 'ads', points: 3 }])

    const old = new Date(Date.now() - 14 * 86_400_000).toISOString()
    const res = await org.admin.post(`/api/v1/leads/${lead.id}/events`, [
      { kind: 'event_attended', at: old },
      { kind: 'demo_requested' },
      { kind: 'demo_requested' },
      { kind: 'webinar_attended' },
    ])
    expect(res.body.lead.score).toBe(3 + 50)
    expect(res.body.lead.ownerId).toBeNull()
    expect(res.body.lead.scoreBreakdown.behaviour[0]).toMatchObject({ kind: 'demo_requested', count: 2 })
    const future = await org.admin.post(`/api/v1/leads/${lead.id}/events`, {
      kind: 'page_visited',
      at: new Date(Date.now() + 86_400_000).toISOString(),
    })
    expect(future.status).toBe(400)
    expect((await org.admin.get(`/api/v1/leads/${lead.id}/events`)).body.data).toHaveLength(4)
  })
})

describe('public lead capture', () => {
  let key: string
  const submit = (k: string, body: unknown) =>
    env.app.inject({ method: 'POST', url: `/api/v1/public/leads/${k}`, payload: body as object })
  const byEmail = async (email: string) =>
    (await org.admin.get(`/api/v1/leads?email=${encodeURIComponent(email)}`)).body.data as any[]

  beforeAll(async () => {
    const res = await org.admin.post('/api/v1/lead-forms', { name: 'Website contact', maxPerHour: 3 })
    expect(res.status).toBe(201)
    key = res.body.key
    expect((await org.sales.post('/api/v1/lead-forms', { name: 'x' })).status).toBe(403)
  })

  it('answers 404 to an unknown key and 400 with the invalid fields', async () => {
    expect((await submit('lf_nope', { name: 'A', email: 'a@b.cn' })).statusCode).toBe(404)
    const bad = await submit(key, { email: 'not-an-email' })
    expect(bad.statusCode).toBe(400)
    const paths = JSON.parse(bad.body).errors.map((e: any) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'email']))
    const unreachable = await submit(key, { name: 'No Contact' })
    expect(unreachable.statusCode).toBe(400)
  })

  it('accepts a filled honeypot like a real submission but keeps nothing', async () => {
    const res = await submit(key, { name: 'Bot', email: 'bot@spam.example', homepage: 'http://spam.example' })
    expect(res.statusCode).toBe(202)
    expect(JSON.parse(res.body)).toEqual({ status: 'received' })
    expect(await byEmail('bot@spam.example')).toEqual([])
  })

  it('creates a scored lead, and limits submissions per form and hour', async () => {
    const res = await submit(key, {
      name: 'Gao Feng',
      company: 'Riverside Clinics',
      email: 'gao@riverside.cn',
      industry: 'healthcare',
      pageUrl: 'https://example.cn/contact',
    })
    expect(res.statusCode).toBe(202)
    const [lead] = await byEmail('gao@riverside.cn')
    expect(lead).toMatchObject({
      source: 'website',
      status: 'new',
      industry: 'healthcare',
      domain: 'riverside.cn',
    })
    expect(lead.scoreBreakdown.behaviour).toEqual([
      { kind: 'form_submitted', count: 1, points: 10, decayed: 10 },
    ])
    // The same person again: behaviour on the same lead, not a second lead.
    expect((await submit(key, { name: 'Gao Feng', email: 'GAO@riverside.cn' })).statusCode).toBe(202)
    expect(await byEmail('gao@riverside.cn')).toHaveLength(1)
    expect((await submit(key, { name: 'Third', phone: '13800000000' })).statusCode).toBe(202)
    const over = await submit(key, { name: 'Fourth', phone: '13800000001' })
    expect(over.statusCode).toBe(429)
    expect(JSON.parse(over.body).detail).toContain('at most 3 submissions an hour')
  })

  it('limits rapid submissions from one address', async () => {
    const form = (await org.admin.post('/api/v1/lead-forms', { name: 'Event sign-up', source: 'event' })).body
    const codes: number[] = []
    for (let i = 0; i < 11; i++)
      codes.push(
        (await submit(form.key, { name: `Guest ${i}`, phone: `1390000${String(i).padStart(4, '0')}` }))
          .statusCode,
      )
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(202))
    expect(codes[10]).toBe(429)
  })

  it('stops accepting an old key once rotated', async () => {
    const form = (await org.admin.post('/api/v1/lead-forms', { name: 'Ads landing', source: 'ads' })).body
    const rotated = (await org.admin.post(`/api/v1/lead-forms/${form.id}/rotate`)).body
    expect(rotated.key).not.toBe(form.key)
    expect((await submit(form.key, { name: 'Late', phone: '1' })).statusCode).toBe(404)
    expect((await submit(rotated.key, { name: 'On time', phone: '2' })).statusCode).toBe(202)
  })
})
