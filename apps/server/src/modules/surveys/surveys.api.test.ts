import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { metricValues } from '../health'
import { surveyInvitations } from './survey.table'
import { surveyTokenHash } from './survey.service'

describe('NPS and satisfaction surveys', () => {
  let env: TestEnv
  let org: Org
  let east: any
  let shop: any
  let survey: any
  const eastContacts: any[] = []
  const shopContacts: any[] = []
  /** token by contact id, from the send results */
  const tokens = new Map<string, string>()

  /** A request without login, from the contact's browser. */
  const anon = async (method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await env.app.inject({ method, url, ...(body ? { payload: body } : {}) })
    return { status: res.statusCode, body: JSON.parse(res.body || 'null') }
  }
  const answer = (contactId: string, score: unknown, comment?: string) =>
    anon('POST', `/api/v1/public/surveys/${tokens.get(contactId)}`, {
      score,
      ...(comment ? { comment } : {}),
    })
  const remember = (links: { contactId: string; url: string }[]) => {
    for (const l of links) tokens.set(l.contactId, l.url.split('/survey/')[1]!)
  }
  const contact = async (accountId: string, name: string, extra: object = {}) => {
    const res = await org.sales.post('/api/v1/contacts', { accountId, name, ...extra })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    east = (
      await org.sales.post('/api/v1/accounts', {
        name: 'East Machinery',
        tier: 'strategic',
        segment: 'manufacturing',
      })
    ).body
    shop = (
      await org.sales.post('/api/v1/accounts', { name: 'Shop Retail', tier: 'growth', segment: 'retail' })
    ).body
    for (let i = 0; i < 10; i++)
      eastContacts.push(await contact(east.id, `East ${i}`, { email: `c${i}@east.example` }))
    await contact(east.id, 'No Mail')
    await contact(east.id, 'Gone Away', { email: 'gone@east.example', active: false })
    for (let i = 0; i < 3; i++)
      shopContacts.push(await contact(shop.id, `Shop ${i}`, { email: `s${i}@shop.example` }))
    const res = await org.admin.post('/api/v1/surveys', { name: 'Relationship NPS', kind: 'nps' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    survey = res.body
  }, 120_000)
  afterAll(async () => {
    await env?.close()
  })

  it('creates one invitation per active contact with an e-mail, and does not duplicate on a resend', async () => {
    expect(survey).toMatchObject({ status: 'draft', expiresInDays: 14, stats: { invited: 0, nps: null } })
    const dry = await org.admin.post(`/api/v1/surveys/${survey.id}/send`, {
      accountIds: [east.id],
      dryRun: true,
    })
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({ dryRun: true, contacts: 11, invited: 10, withoutEmail: 1, links: [] })

    const sent = await org.admin.post(`/api/v1/surveys/${survey.id}/send`, { accountIds: [east.id] })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body).toMatchObject({
      dryRun: false,
      contacts: 11,
      invited: 10,
      alreadyInvited: 0,
      alreadyAnswered: 0,
      withoutEmail: 1,
      emailed: 0,
    })
    expect(sent.body.emailNote).toMatch(/SMTP/)
    expect(sent.body.survey).toMatchObject({ status: 'open', stats: { invited: 10, open: 10, answered: 0 } })
    expect(new Set(sent.body.links.map((l: any) => l.contactId))).toEqual(
      new Set(eastContacts.map((c) => c.id)),
    )
    remember(sent.body.links)

    const again = await org.admin.post(`/api/v1/surveys/${survey.id}/send`, {
      tiers: ['strategic', 'growth'],
    })
    expect(again.body).toMatchObject({ contacts: 14, invited: 3, alreadyInvited: 10, withoutEmail: 1 })
    remember(again.body.links)
    const rows = await env.rt.database.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, survey.id))
    expect(rows).toHaveLength(13)
    // Only the token's hash is stored.
    const token = tokens.get(eastContacts[0].id)!
    expect(rows.some((r) => r.tokenHash === surveyTokenHash(token))).toBe(true)
    expect(rows.some((r) => r.tokenHash === token)).toBe(false)

    const list = await org.admin.get(`/api/v1/surveys/${survey.id}/invitations`)
    expect(list.body.data).toHaveLength(13)
    expect(list.body.data.every((i: any) => i.status === 'open')).toBe(true)
  })

  it('refuses unknown accounts and an empty audience, changing nothing', async () => {
    const bad = await org.admin.post(`/api/v1/surveys/${survey.id}/send`, {
      accountIds: ['0190aaaa-0000-7000-8000-000000000000'],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('accountIds')
    const empty = await org.admin.post(`/api/v1/surveys/${survey.id}/send`, {})
    expect(empty.status).toBe(400)
  })

  it('shows the question without login and validates the score (422)', async () => {
    const res = await anon('GET', `/api/v1/public/surveys/${tokens.get(shopContacts[2].id)}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      kind: 'nps',
      accountName: 'Shop Retail',
      contactName: 'Shop 2',
      min: 0,
      max: 10,
      locale: 'en',
    })
    expect(res.body.question.en).toMatch(/recommend/)
    expect(res.body.question['zh-CN']).toMatch(/推荐/)
    for (const score of [11, -1, 7.5]) {
      const bad = await answer(shopContacts[2].id, score)
      expect(bad.status, JSON.stringify(bad.body)).toBe(422)
      expect(bad.body.code).toBe('score_out_of_range')
    }
    expect((await anon('GET', '/api/v1/public/surveys/not-a-real-token-at-all')).status).toBe(404)
  })

  it('computes the account NPS on a hand-counted fixture and records the nps metric', async () => {
    // 5 promoters, 2 passives, 3 detractors → (5 − 3) / 10 = 20
    const scores = [10, 9, 10, 9, 10, 8, 7, 6, 3, 0]
    for (const [i, score] of scores.entries()) {
      const res = await answer(eastContacts[i].id, score, score <= 6 ? `Comment ${i}: too slow` : undefined)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.category).toBe(score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor')
    }
    const [latest] = await env.rt.database.db
      .select()
      .from(metricValues)
      .where(and(eq(metricValues.accountId, east.id), eq(metricValues.metric, 'nps')))
      .orderBy(desc(metricValues.recordedAt), desc(metricValues.value))
    expect(Number(latest!.value)).toBe(20)
    expect(latest!.source).toBe('survey')

    const s = await org.admin.get(`/api/v1/surveys/${survey.id}`)
    expect(s.body.stats).toMatchObject({ answered: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 })
    const a360 = await org.admin.get(`/api/v1/accounts/${east.id}/360`)
    expect(a360.body.nps).toEqual({ responses: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 })
    const c = await org.admin.get(`/api/v1/contacts/${eastContacts[8].id}`)
    expect(c.body.custom).toMatchObject({ surveyScore: 3, surveyCategory: 'detractor' })
  })

  it('refuses a second answer and an expired link with 410', async () => {
    const again = await answer(eastContacts[0].id, 5)
    expect(again.status).toBe(410)
    expect(again.body.code).toBe('survey_answered')

    const shop1 = shopContacts[1].id
    await env.rt.database.db
      .update(surveyInvitations)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(surveyInvitations.tokenHash, surveyTokenHash(tokens.get(shop1)!)))
    expect((await anon('GET', `/api/v1/public/surveys/${tokens.get(shop1)}`)).status).toBe(410)
    const late = await answer(shop1, 9)
    expect(late.status).toBe(410)
    expect(late.body.code).toBe('survey_expired')
  })

  it('gives the account owner exactly one follow-up task per detractor answer, with the comment', async () => {
    const res = await answer(shopContacts[0].id, 2, 'Nobody called back about the outage')
    expect(res.status).toBe(200)
    const [resp] = (await org.admin.get(`/api/v1/survey-responses?contactId=${shopContacts[0].id}`)).body.data
    const run = await waitFor(async () => {
      const runs = (await org.admin.get(`/api/v1/rule-runs?entityId=${resp.id}`)).body.data
      return runs.find((r: any) => r.status === 'succeeded')
    })
    expect(run).toBeTruthy()
    const tasks = (await org.admin.get(`/api/v1/tasks?accountId=${shop.id}`)).body.data
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ assigneeId: org.sales.userId, source: 'rule', status: 'open' })
    expect(tasks[0].description).toContain('Nobody called back about the outage')
    const due = new Date(tasks[0].dueAt).getTime() - Date.now()
    expect(due).toBeGreaterThan(1.9 * 86_400_000)
    expect(due).toBeLessThanOrEqual(2 * 86_400_000)

    // The three detractors of East Machinery got one task each.
    const eastTasks = await waitFor(async () => {
      const d = (await org.admin.get(`/api/v1/tasks?accountId=${east.id}&source=rule`)).body.data
      return d.length >= 3 && d
    })
    expect(eastTasks).toHaveLength(3)
  })

  it('reports NPS by tier and segment, each contact counted once', async () => {
    // Shop Retail: one detractor (2); a promoter now makes it 1 promoter, 1 detractor → 0.
    expect((await answer(shopContacts[2].id, 10)).status).toBe(200)
    const byTier = await org.admin.get('/api/v1/nps?groupBy=tier')
    expect(byTier.status, JSON.stringify(byTier.body)).toBe(200)
    expect(byTier.body.overall).toEqual({
      responses: 12,
      promoters: 6,
      passives: 2,
      detractors: 4,
      nps: 16.7,
    })
    expect(byTier.body.data).toEqual([
      {
        key: 'strategic',
        label: 'strategic',
        responses: 10,
        promoters: 5,
        passives: 2,
        detractors: 3,
        nps: 20,
      },
      { key: 'growth', label: 'growth', responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
    ])
    const bySegment = await org.admin.get('/api/v1/nps?groupBy=segment')
    expect(bySegment.body.data.map((g: any) => [g.key, g.nps])).toEqual([
      ['manufacturing', 20],
      ['retail', 0],
    ])
    const byAccount = await org.admin.get(`/api/v1/nps?groupBy=account&surveyId=${survey.id}`)
    expect(byAccount.body.data.map((g: any) => [g.label, g.responses])).toEqual([
      ['East Machinery', 10],
      ['Shop Retail', 2],
    ])
    const byMonth = await org.admin.get('/api/v1/nps?groupBy=month')
    expect(byMonth.body.data).toHaveLength(1)
    expect(byMonth.body.data[0]).toMatchObject({ key: new Date().toISOString().slice(0, 7), responses: 12 })

    // Detractors first in the comments list.
    const comments = await org.admin.get(`/api/v1/survey-responses?surveyId=${survey.id}&sort=score&limit=3`)
    expect(comments.body.data.map((r: any) => r.score)).toEqual([0, 2, 3])
    expect(comments.body.data[0]).toMatchObject({ accountName: 'East Machinery', contactName: 'East 9' })
  })

  it('lets people see only the answers of the accounts they reach', async () => {
    const outsider = await org.outsider.get('/api/v1/nps?groupBy=tier')
    expect(outsider.status).toBe(200)
    expect(outsider.body.overall.responses).toBe(0)
    const mine = await org.sales.get('/api/v1/nps?groupBy=tier')
    expect(mine.body.overall.responses).toBe(12)
  })
})
