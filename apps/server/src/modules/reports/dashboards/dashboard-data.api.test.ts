import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Caller, type Org, type TestEnv } from '../../../../test/harness'
import { startReceiver, startSmtp } from '../../notifications/test-receivers'
import { runDueSubscriptions } from './subscription.service'

let env: TestEnv
let org: Org
let smtp: Awaited<ReturnType<typeof startSmtp>>
const closers: (() => Promise<void>)[] = []
const accounts: string[] = []
let n = 0

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  smtp = await startSmtp()
  closers.push(smtp.close)
  const saved = await org.admin.put('/api/v1/notification-settings', {
    version: 1,
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'OpenKAM <kam@openkam.test>' },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  // The salesperson has two opportunities (100 + 200), their teammate one (400).
  for (const [who, amounts] of [
    [org.sales, ['100', '200']],
    [org.sales2, ['400']],
  ] as const) {
    const a = await who.post('/api/v1/accounts', { name: `Dash Co ${++n}` })
    expect(a.status).toBe(201)
    accounts.push(a.body.id)
    for (const amount of amounts) await opportunity(who, a.body.id, amount)
  }
}, 60_000)
afterAll(async () => {
  await env?.close()
  for (const c of closers) await c()
})

async function opportunity(who: Caller, accountId: string, amount: string) {
  const o = await who.post('/api/v1/opportunities', {
    accountId,
    name: `Deal ${++n}`,
    amount,
    currency: 'CNY',
  })
  expect(o.status, JSON.stringify(o.body)).toBe(201)
  return o.body
}

/** The manager's report of the amount and number of the test's opportunities, and a dashboard showing it. */
async function board(share: Record<string, unknown> = { roles: [], teams: [] }) {
  const r = await org.manager.post('/api/v1/reports', {
    name: `Pipeline ${++n}`,
    object: 'opportunities',
    filters: [{ field: 'accountId', op: 'in', value: accounts }],
    measures: [
      { fn: 'sum', field: 'amount', key: 'amount' },
      { fn: 'count', key: 'deals' },
    ],
    chart: { type: 'table' },
    sharedWith: share,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  const d = await org.manager.post('/api/v1/dashboards', {
    name: `Board ${++n}`,
    widgets: [{ id: 'pipeline', reportId: r.body.id, x: 0, y: 0, w: 12, h: 4 }],
    sharedWith: share,
  })
  expect(d.status, JSON.stringify(d.body)).toBe(201)
  return { report: r.body, dashboard: d.body }
}

const data = async (who: Caller, id: string, query = '') => {
  const res = await who.get(`/api/v1/dashboards/${id}/data${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const figures = (d: any) => d.widgets[0].result.rows[0]

describe('dashboard data', () => {
  it("answers each report widget over the reader's rows, narrowed by the dashboard's filters and the query's", async () => {
    const { dashboard } = await board()
    const all = await data(org.manager, dashboard.id)
    expect(all).toMatchObject({ dashboardId: dashboard.id, filters: {}, cached: false })
    expect(figures(all)).toEqual([700, 3])
    expect(figures(await data(org.manager, dashboard.id, `?ownerId=${org.sales.userId}`))).toEqual([300, 2])
    // The dashboard's own owner filter applies, and the query's replaces it.
    const mine = await org.manager.patch(`/api/v1/dashboards/${dashboard.id}`, {
      version: dashboard.version,
      filters: { ownerId: org.sales2.userId },
    })
    expect(mine.status).toBe(200)
    expect(figures(await data(org.manager, dashboard.id))).toEqual([400, 1])
    const over = await data(org.manager, dashboard.id, `?ownerId=${org.sales.userId}`)
    expect(over.filters).toEqual({ ownerId: org.sales.userId })
    expect(figures(over)).toEqual([300, 2])
    expect(figures(await data(org.manager, dashboard.id, '?ownerId='))).toEqual([700, 3])
  })

  it('refuses a filter that is not an id or a period', async () => {
    const { dashboard } = await board()
    const bad = await org.manager.get(`/api/v1/dashboards/${dashboard.id}/data?ownerId=x&period=someday`)
    expect(bad.status).toBe(400)
  })

  it("gives a widget whose report the reader may not read an error, and the reader's own rows otherwise", async () => {
    const hidden = await board({ roles: ['sales'], teams: [] })
    // The dashboard is shared with salespeople, the report too: each sees only their own opportunities.
    expect(figures(await data(org.sales, hidden.dashboard.id))).toEqual([300, 2])
    const r = await org.manager.patch(`/api/v1/reports/${hidden.report.id}`, {
      version: hidden.report.version,
      sharedWith: { roles: [], teams: [] },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const d = await data(org.sales, hidden.dashboard.id)
    expect(d.widgets[0].result).toBeUndefined()
    expect(d.widgets[0].error).toBe('The report of this widget was deleted or is not shared with you')
    const zh = await data(org.sales, hidden.dashboard.id, '?lang=zh-CN')
    expect(zh.widgets[0].error).toBe('此组件的报表已被删除或未与你共享')
    expect((await org.finance.get(`/api/v1/dashboards/${hidden.dashboard.id}/data`)).status).toBe(404)
  })

  it("answers the engine's refusal as the widget's error when the report reads a field hidden from the reader", async () => {
    const { dashboard } = await board({ roles: ['finance'], teams: [] })
    expect(figures(await data(org.finance, dashboard.id))).toEqual([expect.any(Number), expect.any(Number)])
    const put = await org.admin.put('/api/v1/roles/finance/field-access', {
      object: 'opportunities',
      fields: { amount: 'hidden' },
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    const d = await data(org.finance, dashboard.id)
    expect(d.widgets[0].result).toBeUndefined()
    expect(d.widgets[0].error).toMatch(/amount/)
  })

  it('serves a repeated view from the cache until refresh, a change of the dashboard or of its report', async () => {
    const { dashboard, report } = await board()
    const first = await data(org.manager, dashboard.id)
    const again = await data(org.manager, dashboard.id)
    expect(again).toMatchObject({ cached: true, asOf: first.asOf })
    expect(figures(again)).toEqual(figures(first))
    // Another filter set is computed on its own.
    expect((await data(org.manager, dashboard.id, `?ownerId=${org.sales.userId}`)).cached).toBe(false)
    // Another reader does not get the manager's entry.
    expect((await data(org.admin, dashboard.id)).cached).toBe(false)
    await opportunity(org.sales, accounts[0]!, '50')
    expect(figures(await data(org.manager, dashboard.id))).toEqual([700, 3])
    const fresh = await data(org.manager, dashboard.id, '?refresh=true')
    expect(fresh.cached).toBe(false)
    expect(figures(fresh)).toEqual([750, 4])
    expect((await data(org.manager, dashboard.id)).cached).toBe(true)
    const edited = await org.manager.patch(`/api/v1/reports/${report.id}`, {
      version: report.version,
      name: 'Renamed',
    })
    expect(edited.status).toBe(200)
    expect((await data(org.manager, dashboard.id)).cached).toBe(false)
    expect((await data(org.manager, dashboard.id)).cached).toBe(true)
    const moved = await org.manager.patch(`/api/v1/dashboards/${dashboard.id}`, {
      version: dashboard.version,
      name: 'Moved',
    })
    expect(moved.status).toBe(200)
    expect((await data(org.manager, dashboard.id)).cached).toBe(false)
  })
})

describe('dashboard subscriptions', () => {
  it("e-mails the subscriber the dashboard's key numbers as they see them, now on request", async () => {
    const { dashboard } = await board({ roles: ['sales'], teams: [] })
    const sub = await org.sales.post('/api/v1/dashboard-subscriptions', {
      dashboardId: dashboard.id,
      channel: 'email',
    })
    expect(sub.status, JSON.stringify(sub.body)).toBe(201)
    const sent = await org.sales.post(`/api/v1/dashboard-subscriptions/${sub.body.id}/send`)
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body.deliveries).toEqual([expect.objectContaining({ channel: 'email', status: 'pending' })])
    const subject = `Dashboard: ${dashboard.name}`
    await waitFor(() => smtp.messages.some((m) => m.subject === subject))
    const mail = smtp.messages.find((m) => m.subject === subject)!
    // The salesperson's own figures (their two opportunities), not the manager's.
    expect(mail.text).toContain(`【Pipeline`)
    expect(mail.text).toMatch(/\b3[05]0\b/)
    expect(mail.text).not.toMatch(/\b7[05]0\b/)
    expect(mail.text).toContain(`/dashboards/${dashboard.id}`)
    // A manual send leaves the schedule alone.
    expect((await org.sales.get(`/api/v1/dashboard-subscriptions/${sub.body.id}`)).body.lastSentAt).toBeNull()
  })

  it('posts due subscriptions to the WeCom robot once per period', async () => {
    const rx = await startReceiver(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }))
    closers.push(rx.close)
    const robot = await org.admin.post('/api/v1/webhooks', {
      name: 'Board robot',
      kind: 'wecom',
      url: `${rx.url}/send`,
    })
    expect(robot.status).toBe(201)
    const { dashboard } = await board({ roles: ['sales_manager'], teams: [] })
    const sub = await org.manager.post('/api/v1/dashboard-subscriptions', {
      dashboardId: dashboard.id,
      channel: 'wecom',
      frequency: 'daily',
      hour: 0,
    })
    expect(sub.status).toBe(201)
    const log = { info() {}, error() {} }
    const ctx = { db: env.rt.database.db, jobs: env.rt.jobs, events: env.rt.events, log }
    const out = await runDueSubscriptions(ctx, { ws: org.wsId })
    expect(out.sent).toBeGreaterThanOrEqual(1)
    await waitFor(() => rx.requests.some((r) => r.raw.includes(dashboard.name)))
    const body = rx.requests.find((r) => r.raw.includes(dashboard.name))!.json
    // The manager's view: the whole team's opportunities (three, four once the cache test added one).
    expect(body.markdown.content).toMatch(/Count: [34]\b/)
    expect(body.markdown.content).toContain(`/dashboards/${dashboard.id}`)
    const after = (await org.manager.get(`/api/v1/dashboard-subscriptions/${sub.body.id}`)).body
    expect(after.lastSentAt).not.toBeNull()
    const count = rx.requests.length
    expect((await runDueSubscriptions(ctx, { ws: org.wsId })).sent).toBe(0)
    await new Promise((r) => setTimeout(r, 500))
    expect(rx.requests.length).toBe(count)
  })
})
