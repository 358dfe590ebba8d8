import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../../test/harness'

let env: TestEnv
let org: Org
let n = 0

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
}, 60_000)
afterAll(async () => env?.close())

const widget = (over: Record<string, unknown> = {}) => ({
  id: `w${++n}`,
  metric: 'win_rate',
  x: 0,
  y: 0,
  w: 6,
  h: 4,
  ...over,
})

async function dashboard(by: Caller, body: Record<string, unknown> = {}) {
  const res = await by.post('/api/v1/dashboards', { name: `Board ${++n}`, widgets: [widget()], ...body })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

const paths = (body: any) => (body.errors ?? []).map((e: any) => e.path)

describe('dashboards', () => {
  it('creates, reads, lists, changes and deletes a dashboard of its owner', async () => {
    const d = await dashboard(org.sales, { filters: { period: 'this_quarter' }, description: 'Mine' })
    expect(d).toMatchObject({
      ownerId: org.sales.userId,
      filters: { period: 'this_quarter' },
      sharedWith: { roles: [], teams: [] },
      template: null,
      version: 1,
    })
    expect((await org.sales.get(`/api/v1/dashboards/${d.id}`)).body.name).toBe(d.name)
    const mine = (await org.sales.get('/api/v1/dashboards?ownerId=me')).body.data.map((x: any) => x.id)
    expect(mine).toContain(d.id)
    const changed = await org.sales.patch(`/api/v1/dashboards/${d.id}`, {
      version: d.version,
      widgets: [...d.widgets, widget({ view: 'at_risk_accounts', metric: undefined, x: 6 })],
    })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    expect(changed.body.widgets).toHaveLength(2)
    const stale = await org.sales.patch(`/api/v1/dashboards/${d.id}`, { version: d.version, name: 'Stale' })
    expect(stale.status).toBe(409)
    expect((await org.sales.del(`/api/v1/dashboards/${d.id}`)).status).toBe(200)
    expect((await org.sales.get(`/api/v1/dashboards/${d.id}`)).status).toBe(404)
  })

  it('refuses widgets with the same id, without a kind, or a report nobody may read, naming each', async () => {
    const res = await org.sales.post('/api/v1/dashboards', {
      name: 'Bad',
      widgets: [
        widget({ id: 'same' }),
        widget({ id: 'same' }),
        widget({ reportId: '00000000-0000-4000-8000-000000000001', metric: undefined }),
      ],
    })
    expect(res.status).toBe(400)
    expect(paths(res.body)).toEqual(expect.arrayContaining(['widgets.1.id', 'widgets.2.reportId']))
    const none = await org.sales.post('/api/v1/dashboards', {
      name: 'No kind',
      widgets: [widget({ metric: undefined })],
    })
    expect(none.status).toBe(400)
    expect(paths(none.body)).toContain('widgets.0.reportId')
    const wide = await org.sales.post('/api/v1/dashboards', {
      name: 'Wide',
      widgets: [widget({ x: 8, w: 6 })],
    })
    expect(wide.status).toBe(400)
    expect(paths(wide.body)).toContain('widgets.0.w')
  })

  it('refuses sharing with a role or team and filtering by a person the workspace does not have', async () => {
    const res = await org.sales.post('/api/v1/dashboards', {
      name: 'Shared badly',
      sharedWith: { roles: ['astronaut'], teams: ['00000000-0000-4000-8000-000000000002'] },
      filters: { ownerId: '00000000-0000-4000-8000-000000000003' },
    })
    expect(res.status).toBe(400)
    expect(paths(res.body)).toEqual(['sharedWith.roles', 'sharedWith.teams', 'filters.ownerId'])
    expect(res.body.errors[0].message).toBe('no such role: astronaut')
  })

  it('lets the roles it is shared with read it but not change or delete it; others get 404', async () => {
    const d = await dashboard(org.manager, { sharedWith: { roles: ['finance'], teams: [] } })
    const read = await org.finance.get(`/api/v1/dashboards/${d.id}`)
    expect(read.status).toBe(200)
    expect((await org.finance.get('/api/v1/dashboards')).body.data.map((x: any) => x.id)).toContain(d.id)
    expect(
      (await org.finance.patch(`/api/v1/dashboards/${d.id}`, { version: 1, name: 'Mine now' })).status,
    ).toBe(403)
    expect((await org.finance.del(`/api/v1/dashboards/${d.id}`)).status).toBe(403)
    expect((await org.sales.get(`/api/v1/dashboards/${d.id}`)).status).toBe(404)
    expect((await org.sales.get('/api/v1/dashboards')).body.data.map((x: any) => x.id)).not.toContain(d.id)
  })

  it('shares with everyone by the role *, and with the members of a team', async () => {
    const all = await dashboard(org.executive, { sharedWith: { roles: ['*'], teams: [] } })
    for (const who of [org.sales, org.outsider, org.finance])
      expect((await who.get(`/api/v1/dashboards/${all.id}`)).status).toBe(200)
    const teams = (await org.admin.get('/api/v1/teams')).body.data
    const east = teams.find((t: any) => t.name === 'Team East')
    const team = await dashboard(org.executive, { sharedWith: { roles: [], teams: [east.id] } })
    expect((await org.sales2.get(`/api/v1/dashboards/${team.id}`)).status).toBe(200)
    expect((await org.manager.get(`/api/v1/dashboards/${team.id}`)).status).toBe(200)
    expect((await org.outsider.get(`/api/v1/dashboards/${team.id}`)).status).toBe(404)
  })
})

describe('dashboard subscriptions', () => {
  it('subscribes a person to a dashboard they may read, and to no other', async () => {
    const shared = await dashboard(org.manager, { sharedWith: { roles: ['sales'], teams: [] } })
    const hidden = await dashboard(org.manager)
    const ok = await org.sales.post('/api/v1/dashboard-subscriptions', {
      dashboardId: shared.id,
      channel: 'email',
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body).toMatchObject({
      ownerId: org.sales.userId,
      frequency: 'weekly',
      hour: 8,
      enabled: true,
      lastSentAt: null,
    })
    const no = await org.sales.post('/api/v1/dashboard-subscriptions', {
      dashboardId: hidden.id,
      channel: 'email',
    })
    expect(no.status).toBe(400)
    expect(paths(no.body)).toEqual(['dashboardId'])
    // The manager does not see the salesperson's subscriptions of their own dashboard… unless scope says so.
    expect((await org.outsider.get(`/api/v1/dashboard-subscriptions/${ok.body.id}`)).status).toBe(404)
    const off = await org.sales.patch(`/api/v1/dashboard-subscriptions/${ok.body.id}`, {
      version: 1,
      enabled: false,
      frequency: 'daily',
      hour: 7,
    })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ enabled: false, frequency: 'daily', hour: 7 })
  })
})
