import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { startSmtp } from '../../notifications/test-receivers'
import { ticketRatingLinks } from './rating-link.table'
import { ratingTokenHash, sendRatingLink } from './rating.service'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
let account: any
let contact: any

const anon = async (method: 'GET' | 'POST', url: string, body?: object) => {
  const res = await env.app.inject({ method, url, ...(body ? { payload: body } : {}) })
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') }
}
const rate = (token: string, body: object) => anon('POST', `/api/v1/public/ticket-ratings/${token}`, body)
const ratingMails = (number: string) =>
  smtp.messages.filter((m) => m.subject?.startsWith(`[${number}] How did we do?`))
/** The token in the e-mailed link https://kam.example.com/rate/<token>. */
const tokenOf = async (number: string) => {
  const mail = await waitFor(() => ratingMails(number)[0])
  return /https:\/\/kam\.example\.com\/rate\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!
}
const newTicket = async (subject: string, extra: object = {}) => {
  const res = await org.sales.post('/api/v1/tickets', {
    accountId: account.id,
    contactId: contact.id,
    subject,
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
const setStatus = async (id: string, status: string) => {
  const t = (await org.sales.get(`/api/v1/tickets/${id}`)).body
  const res = await org.sales.patch(`/api/v1/tickets/${id}`, { version: t.version, status })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const issueFeedback = async () =>
  (await org.sales.get(`/api/v1/accounts/${account.id}/health`)).body.contributions?.find(
    (c: any) => c.metric === 'issue_feedback',
  )?.value
const followUps = async (ticketId: string) =>
  (await org.admin.get('/api/v1/tasks?limit=500')).body.data.filter((t: any) => t.relatedId === ticketId)

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  smtp = await startSmtp()
  const saved = await org.admin.put('/api/v1/notification-settings', {
    version: 1,
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Support <support@openkam.test>' },
    appUrl: 'https://kam.example.com',
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  account = (await org.sales.post('/api/v1/accounts', { name: 'Harbour Logistics' })).body
  contact = (
    await org.sales.post('/api/v1/contacts', {
      accountId: account.id,
      name: 'Lin Wei',
      email: 'lin.wei@harbour.example',
    })
  ).body
}, 120_000)
afterAll(async () => {
  await env?.close()
  await smtp?.close()
})

describe('ticket satisfaction', () => {
  let ticket: any
  let token: string

  it('e-mails the contact a rating link once, when the ticket is resolved', async () => {
    ticket = await newTicket('Label printer offline', { assigneeId: org.sales.userId })
    await setStatus(ticket.id, 'resolved')
    token = await tokenOf(ticket.number)
    const mail = ratingMails(ticket.number)[0]!
    expect(mail.subject).toBe(`[${ticket.number}] How did we do? Label printer offline`)
    // Only the hash is kept.
    const db = env.rt.database.db
    const rows = await db
      .select()
      .from(ticketRatingLinks)
      .where(and(eq(ticketRatingLinks.workspaceId, org.wsId), eq(ticketRatingLinks.ticketId, ticket.id)))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(ratingTokenHash(token))
    // Closed after resolved, reopened and resolved again: still the one link.
    await setStatus(ticket.id, 'closed')
    await setStatus(ticket.id, 'open')
    await setStatus(ticket.id, 'resolved')
    expect(await db.transaction((tx) => sendRatingLink(tx, org.wsId, env.rt, ticket.id))).toBe('already_sent')
    expect(ratingMails(ticket.number)).toHaveLength(1)
  })

  it('shows what is rated without login, and refuses a score off the scale with 400, changing nothing', async () => {
    const view = await anon('GET', `/api/v1/public/ticket-ratings/${token}`)
    expect(view.status, JSON.stringify(view.body)).toBe(200)
    expect(view.body).toMatchObject({
      ticketNumber: ticket.number,
      subject: 'Label printer offline',
      accountName: 'Harbour Logistics',
      contactName: 'Lin Wei',
      locale: 'en',
    })
    for (const score of [0, 6, 2.5, '3']) {
      const bad = await rate(token, { score })
      expect(bad.status, JSON.stringify(bad.body)).toBe(400)
      expect(bad.body.errors[0].path).toBe('score')
    }
    expect((await org.sales.get(`/api/v1/tickets/${ticket.id}`)).body).toMatchObject({
      satisfaction: null,
      satisfactionAt: null,
    })
    expect((await anon('GET', '/api/v1/public/ticket-ratings/not-a-real-token-at-all')).status).toBe(404)
  })

  it("rates once: the score and comment land on the ticket, a low one gives the assignee one task and moves the account's issue feedback", async () => {
    // The ticket itself counts as one issue in the last 30 days.
    expect(await waitFor(issueFeedback)).toBe(1)
    const res = await rate(token, { score: 2, comment: ' Took three days to get a reply. ' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.score).toBe(2)
    const t = (await org.sales.get(`/api/v1/tickets/${ticket.id}`)).body
    expect(t).toMatchObject({ satisfaction: 2, satisfactionComment: 'Took three days to get a reply.' })
    expect(t.satisfactionAt).toBe(res.body.ratedAt)

    const again = await rate(token, { score: 5 })
    expect(again.status).toBe(410)
    expect(again.body.code).toBe('rating_used')
    expect((await anon('GET', `/api/v1/public/ticket-ratings/${token}`)).status).toBe(410)

    const tasks = await waitFor(async () => {
      const list = await followUps(ticket.id)
      return list.length ? list : null
    })
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ assigneeId: org.sales.userId, source: 'rule', priority: 'high' })
    expect(tasks[0].title).toContain(ticket.number)
    expect(tasks[0].description).toContain('Took three days')
    // The low rating is a second piece of negative feedback in 30 days.
    expect(await waitFor(async () => ((await issueFeedback()) === 2 ? 2 : null))).toBe(2)
  })

  it("gives the account's CSM the follow-up of an unassigned ticket, and none for a good score", async () => {
    const a = (await org.sales.get(`/api/v1/accounts/${account.id}`)).body
    const set = await org.admin.patch(`/api/v1/accounts/${account.id}`, {
      version: a.version,
      csmId: org.manager.userId,
    })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    const unassigned = await newTicket('Invoice address wrong')
    const good = await newTicket('Question about API limits', { assigneeId: org.sales.userId })
    await setStatus(unassigned.id, 'closed')
    await setStatus(good.id, 'resolved')
    expect((await rate(await tokenOf(good.number), { score: 5 })).status).toBe(200)
    expect((await rate(await tokenOf(unassigned.number), { score: 1 })).status).toBe(200)
    const tasks = await waitFor(async () => {
      const list = await followUps(unassigned.id)
      return list.length ? list : null
    })
    expect(tasks).toHaveLength(1)
    expect(tasks[0].assigneeId).toBe(org.manager.userId)
    // The good rating went through the low-rating rule too, and did not match.
    const runs = await waitFor(async () => {
      const r = (await org.admin.get(`/api/v1/rule-runs?entityId=${good.id}&limit=50`)).body?.data ?? []
      const mine = r.filter((x: any) => /Low ticket rating/.test(x.ruleName ?? ''))
      return mine.length ? mine : null
    })
    expect(runs.map((r: any) => r.matched)).toEqual([false])
    expect(await followUps(good.id)).toHaveLength(0)
  })
})
