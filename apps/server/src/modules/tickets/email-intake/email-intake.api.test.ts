import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { startSmtp } from '../../notifications/test-receivers'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
let token = ''
let bigCo = ''
let otherCo = ''
let wangId = ''

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true })
/** A raw RFC 822 message, as a mail server would hand it over. */
const raw = async (m: Mail.Options) => (await composer.sendMail(m)).message as Buffer
const inbound = (body: Buffer | string, opts: { token?: string | null; type?: string; slug?: string } = {}) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/inbound-email/${opts.slug ?? org.slug}`,
    headers: {
      'content-type': opts.type ?? 'message/rfc822',
      ...(opts.token === null ? {} : { 'x-openkam-token': opts.token ?? token }),
    },
    payload: body,
  })
const send = async (m: Mail.Options) => {
  const res = await inbound(await raw(m))
  return { status: res.statusCode, body: res.json() }
}
const ticketsOf = async (accountId: string) =>
  (await org.admin.get(`/api/v1/tickets?limit=500&accountId=${accountId}`)).body.data as any[]
const messagesOf = async (ticketId: string) =>
  (await org.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data as any[]
const log = async (q = '') => (await org.admin.get(`/api/v1/inbound-email/log${q}`)).body
let seq = 0
const msgId = () => `<intake-${++seq}-${Date.now()}@customer.test>`

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  smtp = await startSmtp()
  const s = (await org.admin.get('/api/v1/notification-settings')).body
  await org.admin.put('/api/v1/notification-settings', {
    version: s.version,
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Support <support@openkam.test>' },
  })
  bigCo = (await org.admin.post('/api/v1/accounts', { name: 'Big Co', tier: 'strategic' })).body.id
  otherCo = (await org.admin.post('/api/v1/accounts', { name: 'Other Co' })).body.id
  const wang = await org.admin.post('/api/v1/contacts', {
    accountId: bigCo,
    name: 'Wang Fang',
    email: 'Wang.Fang@Customer.test',
  })
  expect(wang.status, JSON.stringify(wang.body)).toBe(201)
  wangId = wang.body.id
  await org.admin.post('/api/v1/contacts', { accountId: otherCo, name: 'Li Lei', email: 'li.lei@other.test' })
  // Every e-mail ticket goes to the salesperson: the routing rules decide, as for any new ticket.
  const rule = await org.admin.post('/api/v1/ticket-routing-rules', {
    name: 'E-mail to sales',
    condition: { all: [{ field: 'channel', op: 'eq', value: 'email' }] },
    assign: { kind: 'user', userId: org.sales.userId },
  })
  expect(rule.status, JSON.stringify(rule.body)).toBe(201)
  const gen = await org.admin.post('/api/v1/inbound-email/settings/token')
  expect(gen.status, JSON.stringify(gen.body)).toBe(201)
  token = gen.body.token
}, 60_000)
afterAll(async () => {
  await env?.close()
  await smtp?.close()
})

describe('the inbound endpoint', () => {
  it('opens a numbered, routed, acknowledged e-mail ticket for a known contact, with the attachment', async () => {
    const res = await send({
      from: 'Wang Fang <WANG.FANG@customer.test>',
      to: 'support@openkam.test',
      subject: 'Invoices cannot be exported',
      messageId: msgId(),
      text: 'The export button does nothing since this morning.\n\nOn Mon, 1 Dec 2026 Support wrote:\n> old',
      attachments: [
        { filename: 'screen.pdf', content: Buffer.from('%PDF-1.7 the screen') },
        { filename: 'tool.exe', content: Buffer.from('MZ not kept') },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ outcome: 'ticket_created', reason: null, duplicate: false })
    expect(res.body.ticketNumber).toMatch(/^TK-\d{5}$/)
    const t = (await org.admin.get(`/api/v1/tickets/${res.body.ticketId}`)).body
    expect(t).toMatchObject({
      number: res.body.ticketNumber,
      subject: 'Invoices cannot be exported',
      body: 'The export button does nothing since this morning.',
      channel: 'email',
      accountId: bigCo,
      contactId: wangId,
      status: 'new',
      assigneeId: org.sales.userId,
    })
    expect(t.routedBy.ruleName).toBe('E-mail to sales')
    expect(t.firstResponseDueAt).toBeTruthy()
    // The file is the contact's, on a public message of the conversation; the program was not kept.
    const [m, ...more] = await messagesOf(t.id)
    expect(more).toHaveLength(0)
    expect(m).toMatchObject({ visibility: 'public', authorContactId: wangId, authorName: 'Wang Fang' })
    expect(m.body).toBe('Attached to the e-mail: screen.pdf')
    expect(m.files).toEqual([expect.objectContaining({ name: 'screen.pdf', contentType: 'application/pdf' })])
    const file = await org.admin.get(`/api/v1/files/${m.files[0].id}`)
    expect(file.status).toBe(200)
    const entry = (await log()).data.find((e: any) => e.ticketId === t.id)
    expect(entry).toMatchObject({
      from: 'wang.fang@customer.test',
      outcome: 'ticket_created',
      ticketNumber: t.number,
      contactName: 'Wang Fang',
      skippedFiles: [{ name: 'tool.exe', reason: 'type' }],
    })
    // Acknowledged once, by e-mail, with the number.
    const ack = await waitFor(async () => {
      const b = (await org.admin.get(`/api/v1/tickets/${t.id}/acknowledgement`)).body
      return b.status === 'sent' && b
    })
    expect(ack.deliveries).toEqual([
      expect.objectContaining({ channel: 'email', to: 'Wang.Fang@Customer.test' }),
    ])
    const mails = smtp.messages.filter((x) => x.subject?.includes(t.number))
    expect(mails).toHaveLength(1)
  })

  it('adds a reply naming the ticket as the contact’s public message, and a pending ticket reopens', async () => {
    const first = await send({
      from: 'wang.fang@customer.test',
      subject: 'VPN drops',
      messageId: msgId(),
      text: 'Hi',
    })
    const id = first.body.ticketId
    const cur = (await org.admin.get(`/api/v1/tickets/${id}`)).body
    expect(
      (await org.admin.patch(`/api/v1/tickets/${id}`, { version: cur.version, status: 'pending' })).status,
    ).toBe(200)
    const res = await send({
      from: 'wang.fang@customer.test',
      subject: `Re: [${first.body.ticketNumber}] Re: VPN drops`,
      messageId: msgId(),
      text: 'It drops every hour.\n\n在 2026年12月1日 支持团队 写道：\n> 请问何时开始？',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      outcome: 'message_added',
      ticketId: id,
      ticketNumber: first.body.ticketNumber,
    })
    const msgs = await messagesOf(id)
    expect(msgs.map((m) => [m.visibility, m.authorContactId, m.body])).toEqual([
      ['public', wangId, 'It drops every hour.'],
    ])
    expect((await org.admin.get(`/api/v1/tickets/${id}`)).body.status).toBe('open')
    // The bare number (as the acknowledgement puts it) names the ticket too.
    const bare = await send({
      from: 'wang.fang@customer.test',
      subject: `About ${first.body.ticketNumber.toLowerCase()}`,
      messageId: msgId(),
      text: 'One more thing.',
    })
    expect(bare.body).toMatchObject({ outcome: 'message_added', ticketId: id })
  })

  it('takes the same Message-ID once: a second delivery creates nothing and repeats the outcome', async () => {
    const before = (await ticketsOf(bigCo)).length
    const message = await raw({
      from: 'wang.fang@customer.test',
      subject: 'Printer jam',
      messageId: msgId(),
      text: 'Jam',
    })
    const a = await inbound(message)
    const b = await inbound(message)
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(200)
    expect(b.json()).toEqual({ ...a.json(), duplicate: true })
    expect(await ticketsOf(bigCo)).toHaveLength(before + 1)
    expect((await log('?limit=200')).data.filter((e: any) => e.ticketId === a.json().ticketId)).toHaveLength(
      1,
    )
    // Two deliveries at the same time: one wins, the other waits for it and repeats its outcome.
    const twice = await raw({
      from: 'wang.fang@customer.test',
      subject: 'Fan noise',
      messageId: msgId(),
      text: 'Loud',
    })
    const both = await Promise.all([inbound(twice), inbound(twice)])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201])
    expect(new Set(both.map((r) => r.json().ticketId)).size).toBe(1)
    expect(await ticketsOf(bigCo)).toHaveLength(before + 2)
  })

  it.each([
    ['an unknown sender', { from: 'stranger@nowhere.test', subject: 'Hello' }, 'unknown_sender'],
    [
      'an automatic reply',
      {
        from: 'wang.fang@customer.test',
        subject: 'Out of office',
        headers: { 'Auto-Submitted': 'auto-replied' },
      },
      'auto_reply',
    ],
    ['a bounce', { from: 'MAILER-DAEMON@customer.test', subject: 'Undelivered Mail' }, 'bounce'],
    [
      'a bulk mailing',
      { from: 'wang.fang@customer.test', subject: 'Newsletter', headers: { Precedence: 'bulk' } },
      'auto_reply',
    ],
  ])('drops %s with the reason in the log, creating nothing', async (_k, m, reason) => {
    const before = (await ticketsOf(bigCo)).length
    const res = await send({ ...m, messageId: msgId(), text: 'x' } as Mail.Options)
    expect(res.status).toBe(202)
    expect(res.body).toEqual({
      outcome: 'dropped',
      reason,
      duplicate: false,
      ticketId: null,
      ticketNumber: null,
      ticketMessageId: null,
    })
    expect(await ticketsOf(bigCo)).toHaveLength(before)
    expect((await log()).data[0]).toMatchObject({ subject: m.subject, outcome: 'dropped', reason })
  })

  it('drops a reply that names another account’s ticket, adding nothing to it', async () => {
    const foreign = (await org.admin.post('/api/v1/tickets', { accountId: otherCo, subject: 'Theirs' })).body
    const res = await send({
      from: 'wang.fang@customer.test',
      subject: `Re: [${foreign.number}] Theirs`,
      messageId: msgId(),
      text: 'Let me in',
    })
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ outcome: 'dropped', reason: 'foreign_ticket', ticketId: null })
    expect(await messagesOf(foreign.id)).toHaveLength(0)
  })

  it('refuses a wrong or missing token (401), another media type (415) and an oversized e-mail (413)', async () => {
    const m = await raw({ from: 'wang.fang@customer.test', subject: 'x', messageId: msgId(), text: 'x' })
    const before = (await log('?limit=200')).data.length
    expect((await inbound(m, { token: 'okin_wrong' })).statusCode).toBe(401)
    expect((await inbound(m, { token: null })).statusCode).toBe(401)
    const zh = await env.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-email/${org.slug}`,
      headers: { 'content-type': 'message/rfc822', 'accept-language': 'zh-CN' },
      payload: m,
    })
    expect(zh.json().detail).toContain('收件令牌')
    expect((await inbound(m, { slug: 'no-such-workspace' })).statusCode).toBe(401)
    const json = await inbound(JSON.stringify({ from: 'x' }), { type: 'application/json' })
    expect(json.statusCode).toBe(415)
    expect(json.json().code).toBe('unsupported_media_type')
    expect((await inbound('', { type: 'message/rfc822' })).statusCode).toBe(400)
    const big = await inbound(Buffer.alloc(25 * 1024 * 1024 + 1, 0x61))
    expect(big.statusCode).toBe(413)
    expect(big.json().code).toBe('message_too_large')
    expect((await log('?limit=200')).data).toHaveLength(before)
    // The token may come in the address too, for providers that set no headers.
    const q = await env.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-email/${org.slug}?token=${token}`,
      headers: { 'content-type': 'message/rfc822' },
      payload: m,
    })
    expect(q.statusCode).toBe(201)
  })
})

describe('the inbound settings', () => {
  it('lets only administrators see the address, generate a token or read the log', async () => {
    for (const who of [org.manager, org.sales]) {
      expect((await who.get('/api/v1/inbound-email/settings')).status).toBe(403)
      expect((await who.post('/api/v1/inbound-email/settings/token')).status).toBe(403)
      expect((await who.get('/api/v1/inbound-email/log')).status).toBe(403)
    }
  })

  it('shows the token once, keeps only a hint, and a new token retires the old one', async () => {
    const s = (await org.admin.get('/api/v1/inbound-email/settings')).body
    expect(s).toMatchObject({
      path: `/api/v1/inbound-email/${org.slug}`,
      tokenHeader: 'x-openkam-token',
      configured: true,
      tokenHint: token.slice(-4),
    })
    expect(JSON.stringify(s)).not.toContain(token)
    const next = (await org.admin.post('/api/v1/inbound-email/settings/token')).body
    expect(next.token).not.toBe(token)
    const m = await raw({ from: 'stranger@nowhere.test', subject: 'x', messageId: msgId(), text: 'x' })
    expect((await inbound(m)).statusCode).toBe(401)
    expect((await inbound(m, { token: next.token })).statusCode).toBe(202)
    token = next.token
  })

  it('pages through the log newest first', async () => {
    const all = (await log('?limit=200')).data
    const first = await log('?limit=2')
    expect(first.data).toEqual(all.slice(0, 2))
    const second = await log(`?limit=2&cursor=${first.nextCursor}`)
    expect(second.data).toEqual(all.slice(2, 4))
    expect((await org.admin.get('/api/v1/inbound-email/log?cursor=nonsense')).status).toBe(400)
  })
})
