import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  for (const who of ['sales', 'sales2', 'outsider', 'manager'] as const) {
    const res = await org[who].post('/api/v1/accounts', { name: `Account of ${who}` })
    expect(res.status).toBe(201)
    ids[who] = res.body.id
  }
  ids.foreign = (await other.admin.post('/api/v1/accounts', { name: 'Foreign account' })).body.id
})
afterAll(() => env?.close())

const names = async (c: Caller) =>
  ((await c.get('/api/v1/accounts?limit=500&sort=name')).body.data as { name: string }[]).map((a) => a.name)

describe('tenant isolation', () => {
  it("answers 404 for another workspace's ids on every verb", async () => {
    const id = ids.foreign
    expect((await org.admin.get(`/api/v1/accounts/${id}`)).status).toBe(404)
    expect((await org.admin.patch(`/api/v1/accounts/${id}`, { version: 1, name: 'hijack' })).status).toBe(404)
    expect((await org.admin.del(`/api/v1/accounts/${id}`)).status).toBe(404)
    expect((await org.admin.post(`/api/v1/accounts/${id}/restore`)).status).toBe(404)
    expect((await org.admin.get(`/api/v1/users/${other.admin.userId}`)).status).toBe(404)
    expect((await other.admin.get(`/api/v1/accounts/${id}`)).body.name).toBe('Foreign account')
  })
  it("never lists another workspace's records", async () => {
    expect(await names(org.admin)).not.toContain('Foreign account')
    expect(await names(other.admin)).toEqual(['Foreign account'])
  })
  it('answers 404 for ids that are not ids', async () => {
    expect((await org.admin.get('/api/v1/accounts/not-an-id')).status).toBe(404)
  })
})

describe('record visibility', () => {
  it('own: a salesperson sees only their accounts', async () => {
    expect(await names(org.sales)).toEqual(['Account of sales'])
    expect((await org.sales.get(`/api/v1/accounts/${ids.sales2}`)).status).toBe(404)
  })
  it('team: a manager sees the accounts of their team, not of others', async () => {
    expect(await names(org.manager)).toEqual(['Account of manager', 'Account of sales', 'Account of sales2'])
  })
  it('all: an executive and finance see every account of the workspace', async () => {
    const all = ['Account of manager', 'Account of outsider', 'Account of sales', 'Account of sales2']
    expect(await names(org.executive)).toEqual(all)
    expect(await names(org.finance)).toEqual(all)
  })
})

describe('permissions per action', () => {
  it('own: a salesperson changes their own account but may not hand it to someone else', async () => {
    const mine = await org.sales.get(`/api/v1/accounts/${ids.sales}`)
    const ok = await org.sales.patch(`/api/v1/accounts/${ids.sales}`, {
      version: mine.body.version,
      name: 'Account of sales',
    })
    expect(ok.status).toBe(200)
    const give = await org.sales.patch(`/api/v1/accounts/${ids.sales}`, {
      version: ok.body.version,
      ownerId: org.sales2.userId,
    })
    expect(give.status).toBe(403)
    expect(give.body.code).toBe('forbidden')
    expect(
      (await org.sales.post('/api/v1/accounts', { name: 'For another', ownerId: org.sales2.userId })).status,
    ).toBe(403)
  })
  it('team: a manager reassigns within the team but not outside it', async () => {
    const a = await org.manager.get(`/api/v1/accounts/${ids.sales2}`)
    const moved = await org.manager.patch(`/api/v1/accounts/${ids.sales2}`, {
      version: a.body.version,
      ownerId: org.sales.userId,
    })
    expect(moved.status).toBe(200)
    const out = await org.manager.patch(`/api/v1/accounts/${ids.sales2}`, {
      version: moved.body.version,
      ownerId: org.outsider.userId,
    })
    expect(out.status).toBe(403)
    await org.manager.patch(`/api/v1/accounts/${ids.sales2}`, {
      version: moved.body.version,
      ownerId: org.sales2.userId,
    })
  })
  it('read-only: finance may read but not create, change or delete', async () => {
    expect((await org.finance.post('/api/v1/accounts', { name: 'Nope' })).status).toBe(403)
    expect(
      (await org.finance.patch(`/api/v1/accounts/${ids.sales}`, { version: 1, name: 'Nope' })).status,
    ).toBe(403)
    expect((await org.finance.del(`/api/v1/accounts/${ids.sales}`)).status).toBe(403)
  })
  it('executive: reads all but changes only their own', async () => {
    const a = await org.executive.get(`/api/v1/accounts/${ids.outsider}`)
    expect(a.status).toBe(200)
    expect(
      (await org.executive.patch(`/api/v1/accounts/${ids.outsider}`, { version: a.body.version, name: 'x' }))
        .status,
    ).toBe(403)
  })
  it('admin: everything, and only an admin manages users, teams and roles', async () => {
    expect((await org.sales.post('/api/v1/users', { email: 'x@y.test', name: 'X' })).status).toBe(403)
    expect((await org.manager.post('/api/v1/teams', { name: 'Rogue team' })).status).toBe(403)
    expect((await org.sales.get('/api/v1/users')).status).toBe(200)
  })
})

describe('administration of users, teams and roles', () => {
  it('creates a user who can sign in with the given role and team', async () => {
    const teams = await org.admin.get('/api/v1/teams')
    const team = teams.body.data[0]
    const res = await org.admin.post('/api/v1/users', {
      email: 'New.Person@Example.com',
      name: 'New Person',
      password: 'a fine password',
      roles: ['csm'],
      teamIds: [team.id],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      email: 'new.person@example.com',
      roles: ['csm'],
      teamIds: [team.id],
      managerId: org.manager.userId,
    })
    const dup = await org.admin.post('/api/v1/users', { email: 'new.person@example.com', name: 'Again' })
    expect(dup.status).toBe(400)
    expect(dup.body.errors[0].path).toBe('email')
    const bad = await org.admin.post('/api/v1/users', {
      email: 'r@example.com',
      name: 'R',
      roles: ['wizard'],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toEqual({ path: 'roles', message: 'no role "wizard" in this workspace' })
  })

  it('lists the eight built-in roles and lets an admin narrow one', async () => {
    const roles = await org.admin.get('/api/v1/roles?limit=50')
    expect(roles.body.data.map((r: { key: string }) => r.key).sort()).toEqual([
      'admin',
      'csm',
      'executive',
      'finance',
      'legal',
      'presales',
      'sales',
      'sales_manager',
    ])
    const exec = roles.body.data.find((r: { key: string }) => r.key === 'executive')
    const narrowed = await org.admin.patch(`/api/v1/roles/${exec.id}`, {
      version: exec.version,
      permissions: {
        ...exec.permissions,
        accounts: { read: 'own', create: 'own', update: 'own', delete: 'none' },
      },
    })
    expect(narrowed.status).toBe(200)
    expect(await names(org.executive)).toEqual([])
    await org.admin.patch(`/api/v1/roles/${exec.id}`, {
      version: narrowed.body.version,
      permissions: exec.permissions,
    })
    expect((await names(org.executive)).length).toBe(4)
  })

  it('disabling a user ends their access at once', async () => {
    const u = await org.admin.get(`/api/v1/users/${org.outsider.userId}`)
    const off = await org.admin.patch(`/api/v1/users/${org.outsider.userId}`, {
      version: u.body.version,
      active: false,
    })
    expect(off.status).toBe(200)
    expect((await org.outsider.get('/api/v1/auth/me')).status).toBe(401)
  })
})
