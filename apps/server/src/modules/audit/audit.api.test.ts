import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
})
afterAll(() => env?.close())

describe('audit trail API', () => {
  it('lists the history of one record, newest first, with who and what changed', async () => {
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Tracked' })).body
    // Background work (tiers, health) may change the new account too: patch its current version and read
    // the salesperson's own entries.
    const current = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    const patched = await org.sales.patch(`/api/v1/accounts/${a.id}`, {
      version: current.version,
      name: 'Tracked 2',
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const res = await org.admin.get(`/api/v1/audit-log?entityType=account&entityId=${a.id}`)
    expect(res.status).toBe(200)
    const mine = res.body.data.filter((e: { actorId: string }) => e.actorId === org.sales.userId)
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['update', 'create'])
    expect(mine[0]).toMatchObject({
      actorId: org.sales.userId,
      before: { name: 'Tracked' },
      after: { name: 'Tracked 2' },
    })
  })

  it('pages through the whole trail with a cursor', async () => {
    const seen = new Set<string>()
    // The earlier test's background work (health, tiers, rules) settles first: the trail stops growing.
    let size = -1
    for (let i = 0; i < 40; i++) {
      const now = (await org.admin.get('/api/v1/audit-log?limit=500')).body.data.length
      if (now === size) break
      size = now
      await new Promise((r) => setTimeout(r, 500))
    }
    // And up to a moment fixed now, in case something still comes.
    const to = encodeURIComponent(new Date().toISOString())
    let url = `/api/v1/audit-log?limit=7&to=${to}`
    for (let i = 0; i < 50; i++) {
      const res = await org.admin.get(url)
      expect(res.status).toBe(200)
      for (const e of res.body.data) seen.add(e.id)
      if (!res.body.nextCursor) break
      url = `/api/v1/audit-log?limit=7&to=${to}&cursor=${res.body.nextCursor}`
    }
    const all = await org.admin.get(`/api/v1/audit-log?limit=500&to=${to}`)
    expect(seen.size).toBe(all.body.data.length)
    expect(seen.size).toBeGreaterThan(10)
  })

  it('shows only this workspace and only to administrators', async () => {
    const mine = await org.admin.get('/api/v1/audit-log?limit=500')
    const theirs = await other.admin.get('/api/v1/audit-log?limit=500')
    const ids = new Set(mine.body.data.map((e: { id: string }) => e.id))
    expect(theirs.body.data.some((e: { id: string }) => ids.has(e.id))).toBe(false)
    expect((await org.sales.get('/api/v1/audit-log')).status).toBe(403)
    expect((await org.admin.get('/api/v1/audit-log?entityId=nope')).status).toBe(400)
  })
})

describe('workspace settings', () => {
  it('lets an administrator rename the workspace with a version, audited', async () => {
    const ws = await org.sales.get('/api/v1/workspace')
    expect(ws.status).toBe(200)
    expect(ws.body.slug).toBe(org.slug)
    expect(
      (await org.sales.patch('/api/v1/workspace', { version: ws.body.version, name: 'Nope' })).status,
    ).toBe(403)
    const ok = await org.admin.patch('/api/v1/workspace', {
      version: ws.body.version,
      name: 'Renamed Co',
      locale: 'zh-CN',
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ name: 'Renamed Co', locale: 'zh-CN', version: ws.body.version + 1 })
    const stale = await org.admin.patch('/api/v1/workspace', { version: ws.body.version, name: 'Stale' })
    expect(stale.status).toBe(409)
    const bad = await org.admin.patch('/api/v1/workspace', { version: ok.body.version, currency: 'yuan' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('currency')
    const audit = await org.admin.get('/api/v1/audit-log?entityType=workspace')
    expect(audit.body.data[0]).toMatchObject({
      action: 'update',
      after: { name: 'Renamed Co', locale: 'zh-CN' },
    })
  })
})
