import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  makeOrg,
  startTestApp,
  waitFor,
  type Caller,
  type Org,
  type Res,
  type TestEnv,
} from '../../../../test/harness'
import { startSmtp } from '../../notifications/test-receivers'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
let account: any
let contact: any
let ticket: any

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('diagnostic log\n'.repeat(40))])

async function upload(who: Caller, name: string): Promise<Res> {
  const b = `----openkam${Math.random().toString(16).slice(2)}`
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${who.token}`, 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  })
  return { status: res.statusCode, body: res.json(), headers: res.headers }
}
const download = (who: Caller, id: string) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/files/${id}`,
    headers: { authorization: `Bearer ${who.token}` },
  })
const messages = (who: Caller, query = '') => who.get(`/api/v1/tickets/${ticket.id}/messages${query}`)
/** The replies e-mailed to an address (other mails, e.g. the acknowledgement of a new ticket, left out). */
const mailsTo = (to: string) =>
  smtp.messages.filter(
    (m) =>
      m.subject?.includes('] Re: ') &&
      (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)),
  )

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
  const res = await org.sales.post('/api/v1/tickets', {
    accountId: account.id,
    contactId: contact.id,
    subject: 'Scanner sync fails',
    priority: 'high',
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  ticket = res.body
}, 120_000)
afterAll(async () => {
  await env?.close()
  await smtp?.close()
})

describe('ticket conversation', () => {
  it('keeps an internal note inside: no e-mail, no first response, the ticket stays new', async () => {
    const note = await org.sales.post(`/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'internal',
      body: 'Customer is on firmware 2.1 — suspect the TLS change.',
    })
    expect(note.status, JSON.stringify(note.body)).toBe(201)
    expect(note.body).toMatchObject({
      visibility: 'internal',
      authorUserId: org.sales.userId,
      authorName: 'sales',
      emailStatus: null,
      files: [],
    })
    const t = (await org.sales.get(`/api/v1/tickets/${ticket.id}`)).body
    expect(t).toMatchObject({ status: 'new', firstRespondedAt: null })
  })

  it("e-mails an agent's first public reply once to the contact, marks the first response and opens the ticket", async () => {
    const file = await upload(org.sales, 'fix-steps.pdf')
    expect(file.status).toBe(201)
    const before = Date.now()
    const reply = await org.sales.post(`/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'public',
      body: 'Please update the scanner to firmware 2.4; steps attached.',
      fileIds: [file.body.id],
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body.files).toEqual([
      expect.objectContaining({ id: file.body.id, name: 'fix-steps.pdf', contentType: 'application/pdf' }),
    ])
    const t = (await org.sales.get(`/api/v1/tickets/${ticket.id}`)).body
    expect(t.status).toBe('open')
    expect(Date.parse(t.firstRespondedAt)).toBeGreaterThanOrEqual(before - 1000)

    const mail = await waitFor(() => mailsTo('lin.wei@harbour.example')[0])
    expect(mail.subject).toBe(`[${ticket.number}] Re: Scanner sync fails`)
    expect(mail.text).toContain('firmware 2.4')
    expect(mail.text).toContain('fix-steps.pdf')
    // The message says where it went.
    const listed = await waitFor(async () => {
      const m = (await messages(org.sales)).body.data.find((x: any) => x.id === reply.body.id)
      return m?.emailStatus ? m : null
    })
    expect(listed).toMatchObject({ emailStatus: 'queued', emailedTo: 'lin.wei@harbour.example' })

    // A second reply keeps the first response's time; each public reply is one e-mail, notes none.
    const second = await org.sales.post(`/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'public',
      body: 'Did the update help?',
    })
    expect(second.status).toBe(201)
    await waitFor(() => mailsTo('lin.wei@harbour.example').length >= 2)
    const after = (await org.sales.get(`/api/v1/tickets/${ticket.id}`)).body
    expect(after.firstRespondedAt).toBe(t.firstRespondedAt)
    await waitFor(async () =>
      (await messages(org.sales)).body.data.every((m: any) => m.visibility === 'internal' || m.emailStatus),
    )
    const mails = mailsTo('lin.wei@harbour.example')
    expect(mails).toHaveLength(2)
    expect(mails.some((m) => m.text?.includes('suspect the TLS'))).toBe(false)
  })

  it('lists the conversation oldest first, in pages', async () => {
    const all = await messages(org.sales)
    expect(all.status).toBe(200)
    expect(all.body.data.map((m: any) => m.visibility)).toEqual(['internal', 'public', 'public'])
    expect(all.body.nextCursor).toBeNull()
    const first = await messages(org.sales, '?limit=2')
    expect(first.body.data).toHaveLength(2)
    const rest = await messages(org.sales, `?limit=2&cursor=${first.body.nextCursor}`)
    expect(rest.body.data.map((m: any) => m.id)).toEqual([all.body.data[2].id])
    expect(rest.body.nextCursor).toBeNull()
  })

  it('answers 404 to someone who cannot see the ticket and 403 to a reader who may not change it', async () => {
    expect((await messages(org.outsider)).status).toBe(404)
    expect(
      (
        await org.outsider.post(`/api/v1/tickets/${ticket.id}/messages`, {
          visibility: 'internal',
          body: 'x',
        })
      ).status,
    ).toBe(404)
    const other = await makeOrg(env)
    expect((await messages(other.admin)).status).toBe(404)
    // The manager leads the salesperson's team: reads the thread.
    expect((await messages(org.manager)).body.data).toHaveLength(3)
    // The executive reads everything and changes only their own.
    expect((await messages(org.executive)).status).toBe(200)
    const denied = await org.executive.post(`/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'internal',
      body: 'x',
    })
    expect(denied.status).toBe(403)
    expect((await messages(org.sales)).body.data).toHaveLength(3)
  })

  it("opens attachments to the ticket's readers and to no one else", async () => {
    const fileId = (await messages(org.sales)).body.data[1].files[0].id
    expect((await download(org.sales, fileId)).statusCode).toBe(200)
    const byManager = await download(org.manager, fileId)
    expect(byManager.statusCode).toBe(200)
    expect(byManager.rawPayload.equals(PDF)).toBe(true)
    expect((await download(org.sales2, fileId)).statusCode).toBe(404)
    expect((await download(org.outsider, fileId)).statusCode).toBe(404)
  })

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const url = `/api/v1/tickets/${ticket.id}/messages`
    const cases: [unknown, string][] = [
      [{ visibility: 'public', body: '   ' }, 'body'],
      [{ visibility: 'everyone', body: 'hi' }, 'visibility'],
      [{ visibility: 'public', body: 'hi', fileIds: ['0190aaaa-0000-7000-8000-000000000000'] }, 'fileIds'],
    ]
    for (const [body, path] of cases) {
      const res = await org.sales.post(url, body)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.errors.map((e: any) => e.path).join()).toContain(path)
    }
    // Someone else's upload cannot be attached (it would open the file to this ticket's readers).
    const theirs = await upload(org.manager, 'manager-only.pdf')
    const res = await org.sales.post(url, {
      visibility: 'internal',
      body: 'see file',
      fileIds: [theirs.body.id],
    })
    expect(res.status).toBe(400)
    expect((await messages(org.sales)).body.data).toHaveLength(3)
  })

  it('says what was wrong in Chinese to a Chinese reader', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: { authorization: `Bearer ${org.sales.token}`, 'accept-language': 'zh-CN' },
      payload: { visibility: 'everyone', body: 'hi', fileIds: ['0190aaaa-0000-7000-8000-000000000000'] },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.find((e: any) => e.path === 'visibility').message).toBe(
      '请选择 public（回复客户）或 internal（内部备注）',
    )
    const file = await org.sales.post(`/api/v1/tickets/${ticket.id}/messages`, {
      visibility: 'public',
      body: 'hi',
      fileIds: ['0190aaaa-0000-7000-8000-000000000000'],
    })
    expect(file.body.errors[0].message).toMatch(/^no such file of yours/)
    const zh = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      headers: { authorization: `Bearer ${org.sales.token}`, 'accept-language': 'zh-CN' },
      payload: { visibility: 'public', body: 'hi', fileIds: ['0190aaaa-0000-7000-8000-000000000000'] },
    })
    expect(zh.json().errors[0].message).toMatch(/^没有你上传的文件/)
  })
})
