import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { milestoneConfirmations } from './milestone.table'
import { tokenHash } from './milestone.service'

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

describe('delivery milestones confirmed by the customer', () => {
  let env: TestEnv
  let org: Org
  let account: any
  let contact: any
  const mails: ParsedMail[] = []
  let smtp: SMTPServer

  /** A request without login, from the customer's browser. */
  const anon = async (method: 'GET' | 'POST', url: string, body?: object) => {
    const res = await env.app.inject({ method, url, ...(body ? { payload: body } : {}) })
    return { status: res.statusCode, body: JSON.parse(res.body || 'null') }
  }
  const tokenOf = (path: string) => path.split('/confirm/')[1]!

  const milestone = async (title: string) => {
    const res = await org.sales.post('/api/v1/milestones', { accountId: account.id, title, dueDate: day(7) })
    expect(res.status).toBe(201)
    return res.body
  }
  const request = (id: string, contactId = contact.id) =>
    org.sales.post(`/api/v1/milestones/${id}/request-confirmation`, { contactId })

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        simpleParser(stream).then((m) => (mails.push(m), cb()), cb)
      },
    })
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
    account = (await org.sales.post('/api/v1/accounts', { name: 'Confirm Co' })).body
    contact = (
      await org.sales.post('/api/v1/contacts', {
        accountId: account.id,
        name: 'Li Na',
        email: 'li.na@confirm.example',
      })
    ).body
  }, 60_000)
  afterAll(async () => {
    await new Promise<void>((r) => smtp?.close(() => r()))
    await env?.close()
  })

  it('sends a single-use link the contact confirms without logging in; the confirmation is audited', async () => {
    const m = await milestone('Go-live of the MES system')
    const res = await request(m.id)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.path).toMatch(/^\/confirm\/[A-Za-z0-9_-]{43}$/)
    expect(res.body.url).toBe(res.body.path)
    expect(res.body.email).toEqual({
      status: 'skipped',
      error: 'E-mail is not set up for this workspace — add the SMTP server in Settings → Channels',
    })
    expect(res.body.milestone).toMatchObject({
      status: 'awaiting_confirmation',
      confirmationContactId: contact.id,
    })
    const expires = new Date(res.body.expiresAt).getTime() - Date.now()
    expect(expires).toBeGreaterThan(13.99 * 86_400_000)
    expect(expires).toBeLessThanOrEqual(14 * 86_400_000)

    const token = tokenOf(res.body.path)
    // Only the token's hash is stored.
    const rows = await env.rt.database.db
      .select()
      .from(milestoneConfirmations)
      .where(eq(milestoneConfirmations.milestoneId, m.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(tokenHash(token))
    expect(JSON.stringify(rows)).not.toContain(token)

    const view = await anon('GET', `/api/v1/public/milestones/${token}`)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({
      title: 'Go-live of the MES system',
      accountName: 'Confirm Co',
      contactName: 'Li Na',
      requestedBy: 'sales',
      dueDate: day(7),
    })
    expect(JSON.stringify(view.body)).not.toContain(m.id)

    expect((await anon('POST', `/api/v1/public/milestones/${token}/confirm`, { name: '' })).status).toBe(400)
    const ok = await anon('POST', `/api/v1/public/milestones/${token}/confirm`, {
      name: 'Li Na',
      comment: 'Live since Monday',
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ title: 'Go-live of the MES system', confirmedByName: 'Li Na' })
    const after = (await org.sales.get(`/api/v1/milestones/${m.id}`)).body
    expect(after).toMatchObject({
      status: 'confirmed',
      confirmedByName: 'Li Na',
      confirmationComment: 'Live since Monday',
    })

    const twice = await anon('POST', `/api/v1/public/milestones/${token}/confirm`, { name: 'Someone else' })
    expect(twice.status).toBe(410)
    expect(twice.body.code).toBe('confirmation_used')
    expect(twice.body.detail).toMatch(/already confirmed on \d{4}-\d{2}-\d{2} by Li Na/)
    expect((await anon('GET', `/api/v1/public/milestones/${token}`)).status).toBe(410)

    const audit = (await org.admin.get(`/api/v1/audit-log?entityId=${m.id}&action=confirm`)).body.data
    expect(audit).toHaveLength(1)
    expect(audit[0].after).toMatchObject({ confirmedByName: 'Li Na', contactId: contact.id })
    const told = await waitFor(async () =>
      (await org.sales.get('/api/v1/inbox')).body.notifications.find((x: any) => x.relatedId === m.id),
    )
    expect(told.subject).toBe('Milestone confirmed: Go-live of the MES system')
    expect((await request(m.id)).status).toBe(409)
  })

  it('refuses expired and replaced links with 410 and a clear message, and unknown ones with 404', async () => {
    const m = await milestone('Training delivered')
    const first = tokenOf((await request(m.id)).body.path)
    const second = tokenOf((await request(m.id)).body.path)
    const replaced = await anon('GET', `/api/v1/public/milestones/${first}`)
    expect(replaced.status).toBe(410)
    expect(replaced.body.code).toBe('confirmation_replaced')

    await env.rt.database.db
      .update(milestoneConfirmations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(milestoneConfirmations.tokenHash, tokenHash(second)))
    const expired = await anon('GET', `/api/v1/public/milestones/${second}`)
    expect(expired.status).toBe(410)
    expect(expired.body).toMatchObject({ code: 'confirmation_expired', title: 'Gone' })
    expect(expired.body.detail).toMatch(
      /expired on \d{4}-\d{2}-\d{2}\. Ask your account team to send a new one/,
    )
    const late = await anon('POST', `/api/v1/public/milestones/${second}/confirm`, { name: 'Li Na' })
    expect(late.status).toBe(410)
    expect((await org.sales.get(`/api/v1/milestones/${m.id}`)).body.status).toBe('awaiting_confirmation')

    const unknown = await anon('GET', `/api/v1/public/milestones/${'x'.repeat(43)}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('confirmation_not_found')
  })

  it('only sends to a contact of the milestone’s account, and e-mails the link when SMTP and the app URL are set', async () => {
    const m = await milestone('Data migration')
    const other = (await org.sales.post('/api/v1/accounts', { name: 'Elsewhere' })).body
    const stranger = (await org.sales.post('/api/v1/contacts', { accountId: other.id, name: 'Wang' })).body
    const wrong = await request(m.id, stranger.id)
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].path).toBe('contactId')
    expect(
      (await org.outsider.post(`/api/v1/milestones/${m.id}/request-confirmation`, { contactId: contact.id }))
        .status,
    ).toBe(404)

    const s = (await org.admin.get('/api/v1/notification-settings')).body
    const put = await org.admin.put('/api/v1/notification-settings', {
      version: s.version,
      smtp: {
        host: '127.0.0.1',
        port: (smtp.server.address() as AddressInfo).port,
        secure: false,
        from: 'OpenKAM <kam@example.com>',
      },
      appUrl: 'https://kam.example.com',
    })
    expect(put.status).toBe(200)
    const res = await request(m.id)
    expect(res.status).toBe(200)
    expect(res.body.url).toBe(`https://kam.example.com${res.body.path}`)
    expect(res.body.email).toEqual({ status: 'pending', error: null })
    const mail = await waitFor(async () => mails.find((x) => x.subject === 'Please confirm: Data migration'))
    expect((mail.to as any).text).toBe('li.na@confirm.example')
    expect(mail.text).toContain(res.body.url)
    // The delivery log does not show the link (it carries the token).
    const log = (await org.admin.get('/api/v1/notifications?all=true&channel=email')).body.data
    expect(log.find((x: any) => x.relatedId === m.id)).toMatchObject({ link: null })
    expect(JSON.stringify(log)).not.toContain(tokenOf(res.body.path))
  })

  it('rate-limits the public page', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 35; i++)
      statuses.push((await anon('GET', `/api/v1/public/milestones/${'y'.repeat(43)}`)).status)
    expect(statuses).toContain(429)
  })
})
