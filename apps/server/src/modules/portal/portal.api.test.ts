import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type Res, type TestEnv } from '../../../test/harness'
import { startSmtp } from '../../../test/receivers'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
let mine: { accountId: string; contactId: string }
let theirs: { accountId: string; ticketId: string }
const EMAIL = 'li.na@customer.example'
const base = () => `/api/v1/portal/${org.slug}`

/** A call to the portal with (or without) its cookie. */
async function portal(method: string, url: string, secret?: string, body?: unknown): Promise<Res> {
  const res = await env.app.inject({
    method: method as 'GET',
    url,
    ...(secret ? { cookies: { openkam_portal: secret } } : {}),
    ...(body === undefined ? {} : { payload: body as object }),
  })
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers }
}

/** Forgets the links asked for so far, so the per-address limit (3 in 15 minutes) does not hold back the next one. */
const forgetLinks = () => env.rt.database.db.execute(sql`delete from portal_links`)

/** Asks for a link for `email` and returns the token from the e-mail that arrives. */
async function linkFor(email: string): Promise<string> {
  await forgetLinks()
  const before = smtp.messages.length
  expect((await portal('POST', `${base()}/sign-in`, undefined, { email })).status).toBe(202)
  // The newest sign-in e-mail to the address (other mail, e.g. a ticket's acknowledgement, may go there too).
  const link = /\/portal\/[^/]+\/link\/([A-Za-z0-9_-]+)/
  const mail = await waitFor(() =>
    smtp.messages
      .slice(before)
      .findLast((m) => JSON.stringify(m.to ?? '').includes(email) && link.test(m.text ?? '')),
  )
  return link.exec(mail.text!)![1]!
}

/** Signs in with a fresh link and returns the portal session's secret (from its cookie). */
async function signIn(email = EMAIL): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: `${base()}/session`,
    payload: { token: await linkFor(email) },
  })
  expect(res.statusCode, res.body).toBe(200)
  const cookie = res.cookies.find((c) => c.name === 'openkam_portal')!
  expect(cookie.httpOnly).toBe(true)
  expect(cookie.path).toBe('/api/v1/portal/')
  return cookie.value
}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  smtp = await startSmtp()
  const saved = await org.admin.put('/api/v1/notification-settings', {
    version: 1,
    appUrl: 'https://kam.example.com',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'OpenKAM <kam@openkam.test>' },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const acc = (await org.admin.post('/api/v1/accounts', { name: 'Portal Customer Ltd' })).body.id
  const contact = (await org.admin.post('/api/v1/contacts', { accountId: acc, name: '李娜', email: EMAIL }))
    .body.id
  mine = { accountId: acc, contactId: contact }
  const other = (await org.admin.post('/api/v1/accounts', { name: 'Someone Else Ltd' })).body.id
  await org.admin.post('/api/v1/contacts', { accountId: other, name: 'Other', email: 'other@else.example' })
  const t = (await org.admin.post('/api/v1/tickets', { accountId: other, subject: 'Not yours' })).body.id
  theirs = { accountId: other, ticketId: t }
})
afterAll(async () => {
  await env?.close()
  await smtp?.close()
})

describe('portal sign-in', () => {
  it('e-mails a one-time link to a known contact only, answering alike for anyone', async () => {
    const before = smtp.messages.length
    const unknown = await portal('POST', `${base()}/sign-in`, undefined, { email: 'nobody@nowhere.example' })
    expect(unknown.status).toBe(202)
    const token = await linkFor(EMAIL)
    const mail = smtp.messages.slice(before).find((m) => (m.text ?? '').includes(token))!
    // The unknown address got nothing.
    expect(smtp.messages.slice(before).filter((m) => JSON.stringify(m.to).includes('nobody'))).toEqual([])
    expect(mail.text).toContain(`https://kam.example.com/portal/${org.slug}/link/${token}`)
    expect(
      (await portal('POST', '/api/v1/portal/no-such-place/sign-in', undefined, { email: EMAIL })).status,
    ).toBe(404)
    expect((await portal('POST', `${base()}/sign-in`, undefined, { email: 'not an address' })).status).toBe(
      400,
    )
  })

  it('spends a link once; a used, expired or made-up link is refused', async () => {
    const token = await linkFor(EMAIL)
    expect((await portal('POST', `${base()}/session`, undefined, { token })).status).toBe(200)
    const again = await portal('POST', `${base()}/session`, undefined, { token })
    expect([again.status, again.body.code]).toEqual([410, 'link_used'])
    const made = await portal('POST', `${base()}/session`, undefined, { token: 'x'.repeat(43) })
    expect([made.status, made.body.code]).toEqual([400, 'invalid_link'])
    const old = await linkFor(EMAIL)
    await env.rt.database.db.execute(
      sql`update portal_links set expires_at = now() - interval '1 minute' where used_at is null`,
    )
    const expired = await portal('POST', `${base()}/session`, undefined, { token: old })
    expect([expired.status, expired.body.code]).toEqual([410, 'link_expired'])
  })

  it('sends at most three links per address in fifteen minutes', async () => {
    await forgetLinks()
    const before = smtp.messages.length
    for (let i = 0; i < 5; i++)
      expect((await portal('POST', `${base()}/sign-in`, undefined, { email: EMAIL })).status).toBe(202)
    const signInMails = () => smtp.messages.slice(before).filter((m) => /\/link\//.test(m.text ?? '')).length
    await waitFor(() => signInMails() >= 3)
    await new Promise((r) => setTimeout(r, 1500))
    expect(signInMails()).toBe(3)
  })
})

describe('portal tickets', () => {
  it("submits and reads only the visitor's account's tickets", async () => {
    const s = await signIn()
    const me = await portal('GET', `${base()}/me`, s)
    expect(me.body).toMatchObject({
      contact: { id: mine.contactId, name: '李娜' },
      account: { name: 'Portal Customer Ltd' },
    })
    const made = await portal('POST', `${base()}/tickets`, s, {
      subject: '生产线数据同步中断',
      body: '从今天早上 8 点起同步失败',
      type: 'incident',
      priority: 'urgent',
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({ status: 'new', priority: 'urgent', contactName: '李娜' })
    expect(made.body.number).toMatch(/^TK-\d+$/)
    // Internally it is an ordinary ticket of the account, from the portal, by the contact.
    const internal = (await org.admin.get(`/api/v1/tickets/${made.body.id}`)).body
    expect(internal).toMatchObject({
      accountId: mine.accountId,
      contactId: mine.contactId,
      channel: 'portal',
    })
    const list = await portal('GET', `${base()}/tickets`, s)
    expect(list.body.data.map((t: any) => t.id)).toEqual([made.body.id])
    expect(JSON.stringify(list.body)).not.toContain('assigneeId')
    // Another account's ticket is not found, for reading or any action.
    for (const [m, u] of [
      ['GET', ''],
      ['POST', '/confirm'],
      ['POST', '/reopen'],
    ] as const)
      expect((await portal(m, `${base()}/tickets/${theirs.ticketId}${u}`, s)).status).toBe(404)
    expect(
      (await portal('POST', `${base()}/tickets/${theirs.ticketId}/rating`, s, { score: 5 })).status,
    ).toBe(404)
    expect((await portal('POST', `${base()}/tickets`, s, { subject: '' })).status).toBe(400)
  })

  it('confirms or reopens a resolved ticket and rates it once', async () => {
    const s = await signIn()
    const t = (await portal('POST', `${base()}/tickets`, s, { subject: 'Report totals wrong' })).body
    const early = await portal('POST', `${base()}/tickets/${t.id}/confirm`, s)
    expect([early.status, early.body.code]).toEqual([409, 'ticket_state'])
    const resolve = async () => {
      const cur = (await org.admin.get(`/api/v1/tickets/${t.id}`)).body
      expect(
        (await org.admin.patch(`/api/v1/tickets/${t.id}`, { version: cur.version, status: 'resolved' }))
          .status,
      ).toBe(200)
    }
    await resolve()
    expect((await portal('POST', `${base()}/tickets/${t.id}/reopen`, s)).body.status).toBe('open')
    await resolve()
    expect((await portal('POST', `${base()}/tickets/${t.id}/confirm`, s)).body.status).toBe('closed')
    expect((await portal('POST', `${base()}/tickets/${t.id}/rating`, s, { score: 9 })).status).toBe(400)
    expect(
      (await portal('POST', `${base()}/tickets/${t.id}/rating`, s, { score: 4 })).body.satisfaction,
    ).toBe(4)
    const twice = await portal('POST', `${base()}/tickets/${t.id}/rating`, s, { score: 1 })
    expect([twice.status, twice.body.code]).toEqual([410, 'rating_used'])
    expect((await org.admin.get(`/api/v1/tickets/${t.id}`)).body.satisfaction).toBe(4)
  })
})

describe('portal conversation', () => {
  it("shows the agents' public replies, never internal notes, and takes the customer's reply", async () => {
    const s = await signIn()
    const t = (await portal('POST', `${base()}/tickets`, s, { subject: 'Sync stopped' })).body
    const agent = (visibility: string, body: string) =>
      org.admin.post(`/api/v1/tickets/${t.id}/messages`, { visibility, body })
    expect((await agent('internal', 'Looks like the nightly job; check the logs')).status).toBe(201)
    expect((await agent('public', 'We are on it; a fix is coming today')).status).toBe(201)
    const seen = await portal('GET', `${base()}/tickets/${t.id}/messages`, s)
    expect(seen.body.data.map((m: any) => [m.body, m.fromCustomer])).toEqual([
      ['We are on it; a fix is coming today', false],
    ])
    const reply = await portal('POST', `${base()}/tickets/${t.id}/messages`, s, { body: 'Thank you!' })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body.data.at(-1)).toMatchObject({
      body: 'Thank you!',
      fromCustomer: true,
      authorName: '李娜',
    })
    const inside = (await org.admin.get(`/api/v1/tickets/${t.id}/messages`)).body.data
    expect(inside.at(-1)).toMatchObject({ visibility: 'public', authorContactId: mine.contactId })
    expect((await portal('POST', `${base()}/tickets/${t.id}/messages`, s, { body: ' ' })).status).toBe(400)
    expect((await portal('GET', `${base()}/tickets/${theirs.ticketId}/messages`, s)).status).toBe(404)
  })
})

describe('portal isolation', () => {
  it('a portal session opens no internal route, and an internal session no portal route', async () => {
    const s = await signIn()
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>
    }
    let tried = 0
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/portal/')) continue
      for (const [method, op] of Object.entries(ops)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue // public (sign-in, links)
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000')
        const res = await env.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          cookies: { openkam_portal: s, openkam_session: s },
          headers: { authorization: `Bearer ${s}` },
          ...(['post', 'put', 'patch'].includes(method) ? { payload: {} } : {}),
        })
        expect(res.statusCode, `${method.toUpperCase()} ${path}`).toBe(401)
        tried++
      }
    }
    expect(tried).toBeGreaterThan(200)
    const internal = await env.app.inject({
      method: 'GET',
      url: `${base()}/me`,
      cookies: { openkam_session: org.admin.token },
      headers: { authorization: `Bearer ${org.admin.token}` },
    })
    expect(internal.statusCode).toBe(401)
    // Signed out, the session is gone.
    expect((await portal('DELETE', `${base()}/session`, s)).status).toBe(204)
    expect((await portal('GET', `${base()}/me`, s)).status).toBe(401)
  })
})
