import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { runHandler } from '../../../core/events/dispatcher'
import { outbox } from '../../../core/events/outbox.table'
import type { DomainEvent } from '../../../core/events/types'
import { startSmtp } from '../../notifications/test-receivers'
import { notifications } from '../../notifications/notification.table'
import { startAliyunSms, startTencentSms } from '../../notifications/channels/sms/test-servers'

let env: TestEnv
let org: Org
let accountId: string
let smtp: Awaited<ReturnType<typeof startSmtp>>
let aliyun: Awaited<ReturnType<typeof startAliyunSms>>
let tencent: Awaited<ReturnType<typeof startTencentSms>>
const closers: (() => Promise<void>)[] = []

const aliyunSms = () => ({
  provider: 'aliyun',
  enabled: true,
  accessKeyId: 'LTAI5tAckTest',
  accessKeySecret: 'ack-secret',
  signName: '开放客户',
  templateCode: 'SMS_480115001',
  baseUrl: aliyun.url,
})

async function saveSettings(patch: Record<string, unknown>) {
  const current = (await org.admin.get('/api/v1/notification-settings')).body
  const res = await org.admin.put('/api/v1/notification-settings', { version: current.version, ...patch })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

beforeAll(async () => {
  env = await startTestApp({
    env: {
      OPENKAM_RETRY_BASE_SECONDS: '0.2',
      OPENKAM_RETRY_MAX_ATTEMPTS: '2',
      OPENKAM_WEBHOOK_TIMEOUT_MS: '3000',
    },
  })
  org = await makeOrg(env)
  smtp = await startSmtp()
  aliyun = await startAliyunSms({ LTAI5tAckTest: 'ack-secret' })
  tencent = await startTencentSms({ AKIDAckTest: 'tencent-ack-secret' })
  closers.push(smtp.close, aliyun.close, tencent.close)
  await saveSettings({
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Support <support@openkam.test>' },
    sms: aliyunSms(),
  })
  accountId = (await org.admin.post('/api/v1/accounts', { name: 'Acknowledged Ltd' })).body.id
})
afterAll(async () => {
  await env?.close()
  for (const c of closers) await c()
})

const contact = async (fields: Record<string, unknown>) => {
  const res = await org.admin.post('/api/v1/contacts', { accountId, name: 'Wang Fang', ...fields })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}
const ticket = async (subject: string, contactId?: string) => {
  const res = await org.admin.post('/api/v1/tickets', { accountId, subject, contactId, priority: 'urgent' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; number: string }
}
const ack = (id: string) => org.admin.get(`/api/v1/tickets/${id}/acknowledgement`)
const settledAck = (id: string) =>
  waitFor(async () => {
    const b = (await ack(id)).body
    return b.status !== 'none' && b.status !== 'pending' && b
  })
const mailsTo = (address: string) =>
  smtp.messages.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === address)
const textsTo = <R extends { params?: Record<string, string>; body?: any }>(
  srv: { received: R[] },
  to: string,
) => srv.received.filter((r) => r.params?.PhoneNumbers === to || r.body?.PhoneNumberSet?.[0] === to)

describe('SMS settings', () => {
  it('keeps the secret on the server: the settings say only that there is one', async () => {
    const s = (await org.admin.get('/api/v1/notification-settings')).body
    expect(s.sms).toEqual({
      provider: 'aliyun',
      enabled: true,
      accessKeyId: 'LTAI5tAckTest',
      hasSecret: true,
      signName: '开放客户',
      templateCode: 'SMS_480115001',
      region: null,
      sdkAppId: null,
      baseUrl: aliyun.url,
    })
    expect(JSON.stringify(s)).not.toContain('ack-secret')
  })

  it.each([
    [
      {
        ...{
          provider: 'tencent',
          accessKeyId: 'AKID',
          accessKeySecret: 's',
          signName: 'x',
          templateCode: '1',
        },
      },
      'sms.sdkAppId',
    ],
    [
      { provider: 'huawei', accessKeyId: 'a', accessKeySecret: 's', signName: 'x', templateCode: 'T' },
      'sms.provider',
    ],
    [
      { provider: 'aliyun', accessKeyId: '', accessKeySecret: 's', signName: 'x', templateCode: 'T' },
      'sms.accessKeyId',
    ],
    [{ provider: 'aliyun', accessKeyId: 'NEWKEY', signName: 'x', templateCode: 'T' }, 'sms.accessKeySecret'],
    [
      {
        provider: 'aliyun',
        accessKeyId: 'a',
        accessKeySecret: 's',
        signName: 'x',
        templateCode: 'T',
        baseUrl: 'ftp://x',
      },
      'sms.baseUrl',
    ],
  ])('refuses %j with a 400 on %s and changes nothing', async (sms, path) => {
    const before = (await org.admin.get('/api/v1/notification-settings')).body
    const res = await org.admin.put('/api/v1/notification-settings', { version: before.version, sms })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    expect((await org.admin.get('/api/v1/notification-settings')).body).toEqual(before)
  })

  it('lets only administrators read and change the settings or send a test text', async () => {
    expect((await org.manager.get('/api/v1/notification-settings')).status).toBe(403)
    const res = await org.manager.post('/api/v1/notification-settings/test-sms', { to: '13800138000' })
    expect(res.status).toBe(403)
  })

  it('sends a test text with the acknowledgement template, and reports the provider’s refusal', async () => {
    const ok = await org.admin.post('/api/v1/notification-settings/test-sms', { to: '+86 139 0000 0001' })
    expect(ok.body).toMatchObject({ ok: true, status: 200 })
    const [got] = textsTo(aliyun, '13900000001')
    expect(got!.params!).toMatchObject({ TemplateCode: 'SMS_480115001', SignName: '开放客户' })
    expect(JSON.parse(got!.params!.TemplateParam!)).toEqual({ number: 'TK-10000', subject: 'Test message' })

    const bad = await org.admin.post('/api/v1/notification-settings/test-sms', { to: '010-62345678' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([
      {
        path: 'to',
        message: 'must be a mobile number: 11 digits in mainland China, else + and the country code',
      },
    ])
    await saveSettings({ sms: { ...aliyunSms(), accessKeySecret: 'not-the-secret' } })
    const refused = await org.admin.post('/api/v1/notification-settings/test-sms', { to: '13900000001' })
    expect(refused.body.ok).toBe(false)
    expect(refused.body.error).toMatch(
      /^Aliyun SMS refused the message \(SignatureDoesNotMatch\): Specified signature/,
    )
    await saveSettings({ sms: aliyunSms() })
  })
})

describe('acknowledgement of a new ticket', () => {
  it('e-mails and texts the contact once, with the number and subject, and shows it on the ticket', async () => {
    const c = await contact({ email: 'wang.fang@customer.test', phone: '138-0013-8000' })
    const t = await ticket('Invoices cannot be exported', c)
    const a = await settledAck(t.id)
    expect(a).toMatchObject({ ticketId: t.id, status: 'sent', skipped: [] })
    expect(a.deliveries).toEqual([
      expect.objectContaining({
        channel: 'email',
        to: 'wang.fang@customer.test',
        status: 'sent',
        attempts: 1,
      }),
      expect.objectContaining({ channel: 'sms', to: '+8613800138000', status: 'sent', attempts: 1 }),
    ])
    expect(a.acknowledgedAt).toBeTruthy()
    const [mail, ...more] = mailsTo('wang.fang@customer.test')
    expect(more).toHaveLength(0)
    expect(mail!.subject).toBe(`We received your request ${t.number}: Invoices cannot be exported`)
    expect(mail!.text).toContain(`given it the number ${t.number}`)
    const texts = textsTo(aliyun, '13800138000')
    expect(texts).toHaveLength(1)
    expect(texts[0]!.signatureOk).toBe(true)
    expect(JSON.parse(texts[0]!.params!.TemplateParam!)).toEqual({
      number: t.number,
      subject: 'Invoices cannot be…',
    })
    // The deliveries are in the log with the other channels.
    const log = (await org.admin.get('/api/v1/notifications?all=true&channel=sms')).body.data
    expect(log.find((n: { relatedId: string }) => n.relatedId === t.id)).toMatchObject({
      status: 'sent',
      subject: `Request ${t.number} received`,
    })
  })

  it('sends nothing more when the event is delivered again (same event, or another for the same ticket)', async () => {
    const c = await contact({ email: 'li.lei@customer.test', phone: '13700137000' })
    const t = await ticket('Twice delivered', c)
    await settledAck(t.id)
    const [row] = await env.rt.database.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.workspaceId, org.wsId), eq(outbox.entityId, t.id), eq(outbox.type, 'ticket.created')),
      )
    const event = { ...row!, occurredAt: row!.createdAt.toISOString() } as unknown as DomainEvent
    const handler = env.rt.registry.get('tickets.acknowledge')!
    expect(await runHandler(env.rt.database.db, handler, event)).toBe('duplicate')
    expect(await runHandler(env.rt.database.db, handler, { ...event, id: crypto.randomUUID() })).toBe(
      'handled',
    )
    // No further delivery was recorded (so none was queued): the e-mail and the text, once each.
    const rows = await env.rt.database.db
      .select({ channel: notifications.channel })
      .from(notifications)
      .where(and(eq(notifications.workspaceId, org.wsId), eq(notifications.relatedId, t.id)))
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'sms'])
    expect(mailsTo('li.lei@customer.test')).toHaveLength(1)
    expect(textsTo(aliyun, '13700137000')).toHaveLength(1)
    expect((await ack(t.id)).body.deliveries).toHaveLength(2)
  })

  it('sends nothing, and fails nothing, for a ticket without a contact', async () => {
    const t = await ticket('Nobody to tell')
    const a = await settledAck(t.id)
    expect(a).toMatchObject({
      status: 'skipped',
      deliveries: [],
      skipped: [
        { channel: 'email', reason: 'no_contact' },
        { channel: 'sms', reason: 'no_contact' },
      ],
    })
  })

  it('only e-mails a contact without a phone, and says why there was no text', async () => {
    const before = aliyun.received.length
    const c = await contact({ email: 'no.phone@customer.test' })
    const t = await ticket('No phone here', c)
    const a = await settledAck(t.id)
    expect(a.status).toBe('sent')
    expect(a.deliveries.map((d: { channel: string }) => d.channel)).toEqual(['email'])
    expect(a.skipped).toEqual([{ channel: 'sms', reason: 'no_phone' }])
    const landline = await ticket('Landline only', await contact({ phone: '010-62345678' }))
    expect((await settledAck(landline.id)).skipped).toEqual([
      { channel: 'email', reason: 'no_email' },
      { channel: 'sms', reason: 'not_mobile' },
    ])
    expect(aliyun.received.length).toBe(before)
  })

  it('texts through Tencent Cloud when that is the provider, signed as TC3-HMAC-SHA256', async () => {
    await saveSettings({
      sms: {
        provider: 'tencent',
        enabled: true,
        accessKeyId: 'AKIDAckTest',
        accessKeySecret: 'tencent-ack-secret',
        signName: '开放客户',
        templateCode: '2105001',
        region: 'ap-shanghai',
        sdkAppId: '1400987654',
        baseUrl: tencent.url,
      },
    })
    try {
      const t = await ticket('Cannot sign in', await contact({ phone: '+86 15900001111' }))
      const a = await settledAck(t.id)
      expect(a.deliveries).toEqual([
        expect.objectContaining({ channel: 'sms', to: '+8615900001111', status: 'sent' }),
      ])
      const [got] = textsTo(tencent, '+8615900001111')
      expect(got!.signatureOk).toBe(true)
      expect(got!.headers['x-tc-region']).toBe('ap-shanghai')
      expect(got!.body).toMatchObject({
        TemplateId: '2105001',
        TemplateParamSet: [t.number, 'Cannot sign in'],
      })
    } finally {
      await saveSettings({ sms: aliyunSms() })
    }
  })

  it('keeps the e-mail when the SMS provider refuses, and shows the provider’s message after the retries', async () => {
    await saveSettings({ sms: { ...aliyunSms(), accessKeySecret: 'revoked-secret' } })
    try {
      const t = await ticket(
        'Provider says no',
        await contact({ email: 'half@customer.test', phone: '13600136000' }),
      )
      const a = await waitFor(async () => {
        const b = (await ack(t.id)).body
        return (
          b.deliveries?.length === 2 &&
          b.deliveries.every((d: any) => ['sent', 'failed'].includes(d.status)) &&
          b
        )
      })
      expect(a.status).toBe('partly_sent')
      expect(a.deliveries[0]).toMatchObject({ channel: 'email', status: 'sent' })
      expect(a.deliveries[1]).toMatchObject({ channel: 'sms', status: 'failed', attempts: 2 })
      expect(a.deliveries[1].error).toMatch(/^Aliyun SMS refused the message \(SignatureDoesNotMatch\)/)
      expect(mailsTo('half@customer.test')).toHaveLength(1)
    } finally {
      await saveSettings({ sms: aliyunSms() })
    }
  })

  it('records the text as skipped when SMS is switched off', async () => {
    await saveSettings({ sms: { ...aliyunSms(), enabled: false } })
    try {
      const t = await ticket('SMS is off', await contact({ phone: '13500135000' }))
      const a = await settledAck(t.id)
      expect(a.deliveries).toEqual([
        expect.objectContaining({
          channel: 'sms',
          status: 'skipped',
          error: 'SMS is switched off in Settings → Channels',
        }),
      ])
      expect(textsTo(aliyun, '13500135000')).toHaveLength(0)
    } finally {
      await saveSettings({ sms: aliyunSms() })
    }
  })

  it('is not shown to someone who may not read the ticket', async () => {
    const t = await ticket('Private')
    expect((await org.outsider.get(`/api/v1/tickets/${t.id}/acknowledgement`)).status).toBe(404)
  })
})
