import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv, type Caller } from '../../../test/harness'
import { notify, type NotifyRequest } from './notify.service'

let env: TestEnv
let org: Org
let other: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
})
afterAll(() => env?.close())

const put = (who: Caller, url: string, body: unknown) => who.put(url, body)
const send = (o: Org, req: Partial<NotifyRequest>) =>
  env.rt.database.db.transaction((tx) =>
    notify(tx, o.wsId, env.rt.jobs, {
      userIds: [],
      channels: ['in_app'],
      subject: 'Hello',
      body: '',
      ...req,
    }),
  )
const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

describe('in-app notifications', () => {
  it('counts unread ones and marks one or all read', async () => {
    const u = org.sales2
    for (const subject of ['First', 'Second', 'Third'])
      await send(org, { userIds: [u.userId], subject, link: '/tasks/1' })
    expect((await u.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 3 })
    const list = await u.get('/api/v1/notifications?unread=true')
    expect(list.body.data.map((n: { subject: string }) => n.subject)).toEqual(['Third', 'Second', 'First'])
    expect(list.body.data[0]).toMatchObject({
      channel: 'in_app',
      status: 'sent',
      readAt: null,
      link: '/tasks/1',
    })

    // Only the recipient can read it.
    expect((await org.sales.post(`/api/v1/notifications/${list.body.data[0].id}/read`)).status).toBe(404)
    expect((await other.admin.post(`/api/v1/notifications/${list.body.data[0].id}/read`)).status).toBe(404)
    const read = await u.post(`/api/v1/notifications/${list.body.data[0].id}/read`)
    expect(read.status).toBe(200)
    expect(read.body.readAt).not.toBeNull()
    expect((await u.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 2 })
    expect((await u.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 2 })
    expect((await u.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 0 })
    expect((await u.get('/api/v1/notifications?unread=false')).body.data).toHaveLength(3)
  })

  it('pages with a cursor and keeps everyone to their own unless an admin asks for all', async () => {
    for (let i = 0; i < 5; i++) await send(org, { userIds: [org.finance.userId], subject: `Page ${i}` })
    const first = await org.finance.get('/api/v1/notifications?limit=3')
    expect(first.body.data).toHaveLength(3)
    const second = await org.finance.get(`/api/v1/notifications?limit=3&cursor=${first.body.nextCursor}`)
    expect(second.body.data.map((n: { subject: string }) => n.subject)).toEqual(['Page 1', 'Page 0'])
    expect(second.body.nextCursor).toBeNull()
    expect((await org.executive.get('/api/v1/notifications')).body.data).toEqual([])
    expect((await org.finance.get('/api/v1/notifications?all=true')).status).toBe(403)
    const all = await org.admin.get('/api/v1/notifications?all=true&limit=500')
    expect(all.body.data.some((n: { userId: string }) => n.userId === org.finance.userId)).toBe(true)
    expect((await other.admin.get('/api/v1/notifications?all=true')).body.data).toEqual([])
  })

  it('records a skip when a role has nobody to notify', async () => {
    const [out] = await send(org, { role: 'legal', subject: 'For legal' })
    expect(out).toMatchObject({
      status: 'skipped',
      error: 'Nobody to notify: nobody active holds the role legal',
    })
  })
})

describe('inbox', () => {
  it('lists my open tasks and my roles’ tasks (overdue first), reminders and notifications', async () => {
    const s = org.sales
    const mk = async (body: Record<string, unknown>) => {
      const r = await org.admin.post('/api/v1/tasks', body)
      expect(r.status).toBe(201)
      return r.body.id as string
    }
    const later = await mk({ title: 'Later', assigneeId: s.userId, dueAt: hours(48) })
    const overdue = await mk({ title: 'Overdue', assigneeId: s.userId, dueAt: hours(-24) })
    const roleTask = await mk({
      title: 'For all sales',
      assigneeRole: 'sales',
      dueAt: hours(5),
      remindAt: hours(2),
    })
    await mk({ title: 'Not mine', assigneeId: org.sales2.userId, dueAt: hours(-1) })
    await mk({ title: 'Legal only', assigneeRole: 'legal' })
    await mk({ title: 'Done', assigneeId: s.userId, status: 'done' })
    await send(org, { userIds: [s.userId], subject: 'Inbox note' })

    const box = (await s.get('/api/v1/inbox')).body
    expect(box.tasks.map((t: { id: string }) => t.id)).toEqual([overdue, roleTask, later])
    expect(box.overdue).toBe(1)
    expect(box.reminders.map((t: { id: string }) => t.id)).toEqual([roleTask])
    expect(box.notifications[0]).toMatchObject({ subject: 'Inbox note', userId: s.userId })
    expect(box.unread).toBeGreaterThanOrEqual(1)
    // Someone else's inbox does not show them.
    expect((await org.finance.get('/api/v1/inbox')).body.tasks).toEqual([])
  })
})

describe('task reminders', () => {
  it('reminds the assignee once, with a link to the task', async () => {
    const task = await org.admin.post('/api/v1/tasks', {
      title: 'Send the proposal',
      assigneeId: org.executive.userId,
      remindAt: hours(-0.01),
    })
    for (let i = 0; i < 2; i++)
      expect((await org.admin.post('/api/v1/jobs/run', { job: 'tasks_remind' })).status).toBe(200)
    const mine = (await org.executive.get('/api/v1/notifications')).body.data.filter(
      (n: { relatedId: string }) => n.relatedId === task.body.id,
    )
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ subject: 'Reminder: Send the proposal', link: `/tasks/${task.body.id}` })
    expect((await org.admin.get(`/api/v1/tasks/${task.body.id}`)).body.remindedAt).not.toBeNull()
  })

  it('reminds every holder of the role of a role task, in their language', async () => {
    const legal = await org.admin.post('/api/v1/users', {
      email: `legal@${org.slug}.test`,
      name: 'Lawyer',
      password: 'correct horse battery',
      roles: ['legal'],
      locale: 'zh-CN',
    })
    const task = await org.admin.post('/api/v1/tasks', {
      title: '起草合同',
      assigneeRole: 'legal',
      remindAt: hours(-0.01),
    })
    await org.admin.post('/api/v1/jobs/run', { job: 'tasks_remind' })
    const rows = (await org.admin.get('/api/v1/notifications?all=true&limit=500')).body.data.filter(
      (n: { relatedId: string }) => n.relatedId === task.body.id,
    )
    expect(
      rows.map((n: { userId: string; subject: string; role: string }) => [n.userId, n.subject, n.role]),
    ).toEqual([[legal.body.id, '提醒：起草合同', 'legal']])
  })
})

describe('settings and preferences', () => {
  it('keeps the SMTP password write-only and refuses a stale version', async () => {
    const get = await org.admin.get('/api/v1/notification-settings')
    expect(get.body).toMatchObject({ smtp: null, digestHour: 8, appUrl: null, version: 1 })
    const smtp = {
      host: 'smtp.example.test',
      port: 465,
      secure: true,
      user: 'kam',
      password: 'hunter2-secret',
      from: 'kam@example.test',
    }
    const saved = await put(org.admin, '/api/v1/notification-settings', { version: 1, smtp, digestHour: 9 })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      version: 2,
      digestHour: 9,
      smtp: { host: 'smtp.example.test', hasPassword: true },
    })
    expect(JSON.stringify(saved.body)).not.toContain('hunter2')
    const stale = await put(org.admin, '/api/v1/notification-settings', { version: 1, digestHour: 7 })
    expect(stale.status).toBe(409)
    // Without a password the stored one stays.
    const again = await put(org.admin, '/api/v1/notification-settings', {
      version: 2,
      smtp: { ...smtp, password: undefined, port: 587, secure: false },
      appUrl: 'https://kam.example.test',
    })
    expect(again.body).toMatchObject({
      version: 3,
      appUrl: 'https://kam.example.test',
      smtp: { port: 587, hasPassword: true },
    })
    const audit = await org.admin.get('/api/v1/audit-log?entityType=notification_settings')
    expect(audit.body.data.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(audit.body)).not.toContain('hunter2')
    expect((await org.sales.get('/api/v1/notification-settings')).status).toBe(403)
    expect(
      (await put(org.sales, '/api/v1/notification-settings', { version: 3, digestHour: 1 })).status,
    ).toBe(403)
    const bad = await put(org.admin, '/api/v1/notification-settings', {
      version: 3,
      digestHour: 24,
      smtp: { host: '' },
    })
    expect(bad.status).toBe(400)
  })

  it('starts everyone with every channel on and no digest, and changes only what is sent', async () => {
    const p = org.manager
    expect((await p.get('/api/v1/me/notification-preferences')).body).toEqual({
      channels: { email: true, wecom: true, dingtalk: true, feishu: true },
      digest: false,
    })
    const changed = await put(p, '/api/v1/me/notification-preferences', { channels: { wecom: false } })
    expect(changed.body).toEqual({
      channels: { email: true, wecom: false, dingtalk: true, feishu: true },
      digest: false,
    })
    expect((await put(p, '/api/v1/me/notification-preferences', { channels: { sms: true } })).status).toBe(
      400,
    )
    const audit = await org.admin.get(
      `/api/v1/audit-log?entityType=notification_preferences&entityId=${p.userId}`,
    )
    expect(audit.body.data[0]).toMatchObject({ after: { channels: { wecom: false } } })
  })
})

describe('webhooks collection', () => {
  it('never returns the secret, and only administrators manage endpoints', async () => {
    const created = await org.admin.post('/api/v1/webhooks', {
      name: 'ERP',
      kind: 'webhook',
      url: 'https://erp.example.test/hooks',
      secret: 'top-secret-value',
      events: ['opportunity.*'],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'ERP',
      kind: 'webhook',
      hasSecret: true,
      enabled: true,
      events: ['opportunity.*'],
    })
    expect(created.body).not.toHaveProperty('secret')
    const list = await org.admin.get('/api/v1/webhooks')
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(created.body.id)
    const cleared = await org.admin.patch(`/api/v1/webhooks/${created.body.id}`, {
      version: 1,
      secret: null,
      enabled: false,
    })
    expect(cleared.body).toMatchObject({ hasSecret: false, enabled: false, version: 2 })
    const audit = await org.admin.get(`/api/v1/audit-log?entityId=${created.body.id}`)
    expect(JSON.stringify(audit.body)).not.toContain('top-secret-value')
    expect(JSON.stringify(list.body)).not.toContain('top-secret-value')

    const robot = await org.admin.post('/api/v1/webhooks', {
      name: 'Robot',
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x',
      events: ['account.created'],
    })
    expect(robot.status).toBe(400)
    expect(
      (await org.admin.post('/api/v1/webhooks', { name: 'Bad', kind: 'webhook', url: 'ftp://x' })).status,
    ).toBe(400)
    expect((await org.sales.get('/api/v1/webhooks')).status).toBe(403)
    expect(
      (await org.sales.post('/api/v1/webhooks', { name: 'Mine', kind: 'webhook', url: 'https://x.test' }))
        .status,
    ).toBe(403)
    expect((await other.admin.get(`/api/v1/webhooks/${created.body.id}`)).status).toBe(404)
    expect((await org.admin.del(`/api/v1/webhooks/${created.body.id}`, { version: 2 })).status).toBe(200)
  })
})
