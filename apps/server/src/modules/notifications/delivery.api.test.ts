import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv, type Caller, waitFor } from '../../../test/harness'
import { callWebhook, notify, type NotifyRequest } from './notify.service'
import { eventReceipts, outbox } from '../../core/events/outbox.table'
import { notifications } from './notification.table'
import { startReceiver, startSmtp } from './test-receivers'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
const closers: (() => Promise<void>)[] = []
const PHONE = '13800001111'

beforeAll(async () => {
  env = await startTestApp({
    env: {
      OPENKAM_RETRY_BASE_SECONDS: '0.2',
      OPENKAM_RETRY_MAX_ATTEMPTS: '3',
      OPENKAM_WEBHOOK_TIMEOUT_MS: '3000',
    },
  })
  org = await makeOrg(env)
  smtp = await startSmtp()
  closers.push(smtp.close)
  const saved = await put(org.admin, '/api/v1/notification-settings', {
    version: 1,
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'OpenKAM <kam@openkam.test>' },
  })
  expect(saved.status).toBe(200)
  const sales = (await org.admin.get(`/api/v1/users/${org.sales.userId}`)).body
  expect(
    (await org.admin.patch(`/api/v1/users/${org.sales.userId}`, { version: sales.version, phone: PHONE }))
      .status,
  ).toBe(200)
})
afterAll(async () => {
  await env?.close()
  for (const c of closers) await c()
})

const put = (who: Caller, url: string, body: unknown) => who.put(url, body)
const send = (req: Partial<NotifyRequest>) =>
  env.rt.database.db.transaction((tx) =>
    notify(tx, org.wsId, env.rt.jobs, {
      userIds: [],
      channels: ['in_app'],
      subject: 'Hello',
      body: '',
      ...req,
    }),
  )
const rowsOf = (ids: string[]) =>
  env.rt.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workspaceId, org.wsId), inArray(notifications.id, ids)))
const settled = async (ids: string[]) => {
  await waitFor(async () =>
    (await rowsOf(ids)).every((r) => ['sent', 'failed', 'skipped'].includes(r.status)),
  )
  return rowsOf(ids)
}
const robot = async (kind: string, url: string, extra: Record<string, unknown> = {}) => {
  const res = await org.admin.post('/api/v1/webhooks', { name: `${kind} ${url}`, kind, url, ...extra })
  expect(res.status).toBe(201)
  return res.body.id as string
}
const ok = (body: unknown) => () => ({ status: 200, body })

describe('e-mail', () => {
  it('sends a notification e-mail through the workspace SMTP server', async () => {
    const out = await send({
      userIds: [org.sales.userId],
      channels: ['in_app', 'email'],
      subject: 'Draft the contract for Acme',
      body: 'Acme moved to negotiation',
      link: '/opportunities/1',
    })
    expect(out.map((o) => [o.channel, o.status])).toEqual([
      ['in_app', 'sent'],
      ['email', 'pending'],
    ])
    await waitFor(() => smtp.messages.some((m) => m.subject === 'Draft the contract for Acme'))
    const mail = smtp.messages.find((m) => m.subject === 'Draft the contract for Acme')!
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(`sales@${org.slug}.test`)
    expect(mail.from?.text).toContain('kam@openkam.test')
    expect(mail.text).toContain('Acme moved to negotiation')
    const [row] = await settled([out[1]!.id])
    expect(row).toMatchObject({ status: 'sent', attempts: 1, error: null })
  })

  it('skips e-mail for a person who turned it off, saying why', async () => {
    expect(
      (await put(org.sales2, '/api/v1/me/notification-preferences', { channels: { email: false } })).status,
    ).toBe(200)
    const [out] = await send({ userIds: [org.sales2.userId], channels: ['email'], subject: 'Not for e-mail' })
    expect(out).toMatchObject({ status: 'skipped', userId: org.sales2.userId })
    expect(out!.error).toBe('sales2 turned e-mail notifications off')
  })

  it('sends a test e-mail on request', async () => {
    const res = await org.admin.post('/api/v1/notification-settings/test-email', {
      to: 'someone@openkam.test',
    })
    expect(res.body).toEqual({ ok: true })
    await waitFor(() => smtp.messages.some((m) => m.subject === 'OpenKAM test message'))
  })
})

describe('group robots', () => {
  it('posts a WeCom text message that mentions the recipient by phone', async () => {
    const rx = await startReceiver(ok({ errcode: 0, errmsg: 'ok' }))
    closers.push(rx.close)
    const webhookId = await robot('wecom', `${rx.url}/cgi-bin/webhook/send?key=k1`)
    const [out] = await send({
      userIds: [org.sales.userId],
      channels: ['wecom'],
      subject: 'Urgent ticket',
      webhookId,
    })
    const [row] = await settled([out!.id])
    expect(row).toMatchObject({ status: 'sent', webhookId })
    expect(rx.requests).toHaveLength(1)
    expect(rx.requests[0]!.url).toBe('/cgi-bin/webhook/send?key=k1')
    expect(rx.requests[0]!.json).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: [PHONE] },
    })
    expect(rx.requests[0]!.json.text.content).toContain('Urgent ticket')
  })

  it('signs DingTalk messages exactly as DingTalk checks them', async () => {
    const secret = 'SECdingtalk-test-secret'
    const rx = await startReceiver(ok({ errcode: 0, errmsg: 'ok' }))
    closers.push(rx.close)
    const webhookId = await robot('dingtalk', `${rx.url}/robot/send?access_token=t1`, { secret })
    const [out] = await send({
      userIds: [org.sales.userId],
      channels: ['dingtalk'],
      subject: 'Renewal due',
      webhookId,
    })
    expect((await settled([out!.id]))[0]!.status).toBe('sent')
    const req = rx.requests[0]!
    const q = new URL(req.url, 'http://x').searchParams
    expect(q.get('access_token')).toBe('t1')
    const ts = q.get('timestamp')!
    expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(3600_000)
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
    expect(q.get('sign')).toBe(expected)
    expect(req.url).toContain(`&sign=${encodeURIComponent(expected)}`)
    expect(req.json).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: 'Renewal due' },
      at: { atMobiles: [PHONE], isAtAll: false },
    })
    expect(req.json.markdown.text).toContain(`@${PHONE}`)
  })

  it('signs Feishu messages in the body', async () => {
    const secret = 'feishu-secret'
    const rx = await startReceiver(ok({ code: 0, msg: 'success', data: {} }))
    closers.push(rx.close)
    const webhookId = await robot('feishu', `${rx.url}/open-apis/bot/v2/hook/h1`, { secret })
    const [out] = await send({
      userIds: [org.sales.userId],
      channels: ['feishu'],
      subject: 'Health dropped',
      webhookId,
    })
    expect((await settled([out!.id]))[0]!.status).toBe('sent')
    const body = rx.requests[0]!.json
    expect(body.msg_type).toBe('text')
    expect(body.content.text).toContain('Health dropped')
    expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64'))
  })

  it('skips a robot channel with no robot configured, saying where to add one', async () => {
    const other = await makeOrg(env)
    const out = await env.rt.database.db.transaction((tx) =>
      notify(tx, other.wsId, env.rt.jobs, {
        userIds: [other.sales.userId],
        channels: ['wecom', 'email'],
        subject: 'Nowhere to go',
        body: '',
      }),
    )
    expect(out.map((o) => [o.channel, o.status, o.error])).toEqual([
      ['wecom', 'skipped', 'No WeCom robot is configured — add one in Settings → Channels'],
      [
        'email',
        'skipped',
        'E-mail is not set up for this workspace — add the SMTP server in Settings → Channels',
      ],
    ])
  })
})

describe('plain webhooks', () => {
  it('posts signed JSON with the delivery id and event', async () => {
    const secret = 'whsec-test'
    const rx = await startReceiver(() => ({ status: 204 }))
    closers.push(rx.close)
    const webhookId = await robot('webhook', `${rx.url}/hooks/openkam`, { secret })
    const out = await env.rt.database.db.transaction((tx) =>
      callWebhook(tx, org.wsId, env.rt.jobs, { webhookId, payload: { deal: 'Acme', amount: 1200 } }),
    )
    expect((await settled([out.id]))[0]!.status).toBe('sent')
    const req = rx.requests[0]!
    expect(req.json).toEqual({ deal: 'Acme', amount: 1200 })
    const ts = req.headers['x-openkam-timestamp'] as string
    expect(req.headers['x-openkam-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(`${ts}.${req.raw}`).digest('hex')}`,
    )
    expect(req.headers['x-openkam-delivery']).toBe(out.id)
    expect(req.headers['x-openkam-event']).toBe('rule.webhook')
  })

  it('retries a failing receiver with backoff and then marks the delivery failed', async () => {
    const rx = await startReceiver(() => ({ status: 500, body: { error: 'down' } }))
    closers.push(rx.close)
    const webhookId = await robot('webhook', `${rx.url}/down`)
    const out = await env.rt.database.db.transaction((tx) =>
      callWebhook(tx, org.wsId, env.rt.jobs, { webhookId, payload: { x: 1 } }),
    )
    const [row] = await settled([out.id])
    expect(row).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null })
    expect(row!.error).toContain('HTTP 500')
    expect(rx.requests).toHaveLength(3)
    expect(new Set(rx.requests.map((r) => r.headers['x-openkam-delivery']))).toEqual(new Set([out.id]))
    // The admin's delivery log shows it.
    const log = await org.admin.get(`/api/v1/notifications?all=true&status=failed&channel=webhook`)
    expect(log.body.data.map((n: { id: string }) => n.id)).toContain(out.id)
  })

  it('forwards subscribed events as they happen', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: {} }))
    closers.push(rx.close)
    await robot('webhook', `${rx.url}/events`, { events: ['account.created'], secret: 's' })
    const acc = await org.sales.post('/api/v1/accounts', { name: 'Forwarded Co' })
    await org.sales.patch(`/api/v1/accounts/${acc.body.id}`, {
      version: acc.body.version,
      industry: 'finance',
    })
    // Each handler queue drains one event per polling interval, so earlier events may be ahead of this one.
    await waitFor(() => rx.requests.length >= 1, 50_000)
    const req = rx.requests[0]!
    expect(req.headers['x-openkam-event']).toBe('account.created')
    expect(req.json).toMatchObject({ type: 'account.created', entityType: 'account', entityId: acc.body.id })
    expect(req.json.payload.record.name).toBe('Forwarded Co')
    // Once the handler has seen the account.updated event, it has queued nothing for it.
    const db = env.rt.database.db
    const [updated] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.entityId, acc.body.id), eq(outbox.type, 'account.updated')))
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(eventReceipts)
            .where(and(eq(eventReceipts.eventId, updated!.id), eq(eventReceipts.handler, 'webhooks.forward')))
        ).length === 1,
      50_000,
    )
    const forwarded = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.workspaceId, org.wsId), eq(notifications.relatedId, acc.body.id)))
    expect(forwarded.map((n) => n.eventType)).toEqual(['account.created'])
    expect(rx.requests.map((r) => r.json.type)).toEqual(['account.created'])
  }, 60_000)

  it('tests an endpoint on request', async () => {
    const good = await startReceiver(ok({ errcode: 0 }))
    const bad = await startReceiver(() => ({ status: 500 }))
    closers.push(good.close, bad.close)
    const goodId = await robot('wecom', `${good.url}/send`)
    const badId = await robot('webhook', `${bad.url}/send`)
    expect((await org.admin.post(`/api/v1/webhooks/${goodId}/test`)).body).toEqual({
      ok: true,
      status: 200,
      durationMs: expect.any(Number),
    })
    expect((await org.admin.post(`/api/v1/webhooks/${badId}/test`)).body).toEqual({
      ok: false,
      status: 500,
      durationMs: expect.any(Number),
      error: 'The receiver answered HTTP 500',
    })
    expect(good.requests[0]!.json.msgtype).toBe('markdown')
  })
})

describe('daily digest', () => {
  it('e-mails each subscriber once a day in their language, and nobody with nothing to read', async () => {
    const me = (await org.admin.get(`/api/v1/users/${org.sales.userId}`)).body
    await org.admin.patch(`/api/v1/users/${org.sales.userId}`, { version: me.version, locale: 'zh-CN' })
    expect((await put(org.sales, '/api/v1/me/notification-preferences', { digest: true })).body.digest).toBe(
      true,
    )
    expect((await put(org.executive, '/api/v1/me/notification-preferences', { digest: true })).status).toBe(
      200,
    )
    await send({ userIds: [org.sales.userId], subject: 'Unread for the digest' })
    const isDigest = (subject?: string) => !!subject && subject.includes('OpenKAM 每日摘要')
    for (let i = 0; i < 2; i++) {
      const run = await org.admin.post('/api/v1/jobs/run', { job: 'notifications_digest' })
      expect(run.status).toBe(200)
    }
    await waitFor(() => smtp.messages.some((m) => isDigest(m.subject)))
    const digests = await env.rt.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.workspaceId, org.wsId), eq(notifications.relatedType, 'digest')))
    expect(digests.map((d) => d.userId)).toEqual([org.sales.userId])
    await settled(digests.map((d) => d.id))
    const mails = smtp.messages.filter((m) => isDigest(m.subject))
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('Unread for the digest')
    expect(mails[0]!.text).toContain('过去 24 小时的未读通知')
  })
})
