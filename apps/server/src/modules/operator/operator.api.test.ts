import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  caller,
  loginAs,
  makeOrg,
  PASSWORD,
  startTestApp,
  type Org,
  type TestEnv,
} from '../../../test/harness'
import { grantOperator } from '../users'
import { EXIT, workspaceCreateCommand, workspaceListCommand } from './workspace.cli'

let env: TestEnv
let org: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const cli = async (run: (out: (s: string) => void, fail: (s: string) => void) => Promise<number>) => {
  const lines: string[] = []
  const code = await run(
    (s) => lines.push(s),
    (s) => lines.push(`! ${s}`),
  )
  return { code, text: lines.join('\n') }
}
const create = (o: Parameters<typeof workspaceCreateCommand>[2]) =>
  cli((out, fail) => workspaceCreateCommand(env.rt.database.db, env.rt, o, out, fail))
const workspaceCount = async () => (await cli((out) => workspaceListCommand(env.rt.database.db, out))).text

describe('openkam workspace create', () => {
  it('creates a workspace from the default template whose administrator signs in with the password printed once', async () => {
    const res = await create({
      name: 'Suzhou Valves',
      adminEmail: 'Li.Na@Valves.test',
      adminName: 'Li Na',
      lang: 'en',
    })
    expect(res.code).toBe(EXIT.ok)
    expect(res.text).toMatch(/Workspace "Suzhou Valves" created \(key suzhou-valves, template standard\)/)
    const password = /initial password \(shown once, stored only as a hash\): (\S+)/.exec(res.text)![1]!
    expect(password.length).toBeGreaterThanOrEqual(20)
    const admin = await loginAs(env.app, 'li.na@valves.test', password)
    const me = await admin.get('/api/v1/auth/me')
    expect(me.body).toMatchObject({ name: 'Li Na', roles: ['admin'], operator: false })
    expect(me.body.workspace).toMatchObject({ name: 'Suzhou Valves', slug: 'suzhou-valves', locale: 'en' })
    // The default template: the pipeline is there, and nothing of the other workspace.
    expect((await admin.get('/api/v1/pipelines')).body.data.length).toBeGreaterThan(0)
    expect((await admin.get('/api/v1/accounts')).body.data).toEqual([])
    expect(await workspaceCount()).toMatch(/suzhou-valves\s+Suzhou Valves\s+\d{4}-\d\d-\d\d\s+1\s+0/)
  })

  it('refuses a taken name, a bad e-mail and an unknown template with their own exit codes and creates nothing', async () => {
    const before = await workspaceCount()
    const taken = await create({ name: ' suzhou VALVES ', adminEmail: 'x@valves.test' })
    expect(taken).toEqual({
      code: EXIT.conflict,
      text: '! A workspace named "Suzhou Valves" exists already; choose another name',
    })
    const email = await create({ name: 'Other', adminEmail: 'not-an-email' })
    expect(email).toEqual({ code: EXIT.invalid, text: '! --admin-email: must be an e-mail address' })
    const template = await create({ name: 'Other', adminEmail: 'x@other.test', template: 'mining' })
    expect(template.code).toBe(EXIT.invalid)
    expect(template.text).toMatch(/--template: no template mining; use standard, saas or a file/)
    expect(await workspaceCount()).toBe(before)
  })

  it('creates a workspace from the SaaS template', async () => {
    const res = await create({
      name: 'Cloud Seats',
      adminEmail: 'ops@cloud.test',
      template: 'saas',
      lang: 'en',
    })
    expect(res.code).toBe(EXIT.ok)
    const password = /initial password[^:]*: (\S+)/.exec(res.text)![1]!
    const admin = await loginAs(env.app, 'ops@cloud.test', password)
    const stages = (await admin.get('/api/v1/pipelines')).body.data.map((p: { key: string }) => p.key)
    expect(stages.length).toBeGreaterThan(0)
    expect((await admin.get('/api/v1/auth/me')).body.workspace.slug).toBe('cloud-seats')
  })
})

describe('operator routes', () => {
  it('answer 403 to everybody who is not an operator, API tokens included', async () => {
    for (const who of [org.admin, org.sales]) {
      expect((await who.get('/api/v1/operator/workspaces')).status).toBe(403)
      const res = await who.post('/api/v1/operator/workspaces', {
        name: 'Sneaky',
        adminEmail: 'a@sneaky.test',
        adminPassword: 'long-enough-pw',
      })
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('operator_only')
    }
    expect((await org.admin.get('/api/v1/auth/me')).body.operator).toBe(false)
  })

  it('list workspaces with their numbers and create one for an operator; its administrator signs in', async () => {
    await grantOperator(env.rt.database.db, org.wsId, org.admin.userId)
    const token = await org.admin.post('/api/v1/api-tokens', { name: 'ops' })
    expect((await caller(env.app, token.body.token).get('/api/v1/operator/workspaces')).status).toBe(403)
    expect((await org.admin.get('/api/v1/auth/me')).body.operator).toBe(true)
    await org.sales.post('/api/v1/accounts', { name: 'Counted Co' })
    const list = await org.admin.get('/api/v1/operator/workspaces')
    expect(list.status).toBe(200)
    const mine = list.body.data.find((w: { id: string }) => w.id === org.wsId)
    expect(mine).toMatchObject({ users: 7, accounts: 1, demo: false })

    const bad = await org.admin.post('/api/v1/operator/workspaces', {
      name: '',
      adminEmail: 'nope',
      adminPassword: 'short',
      template: 'mining',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['name', 'adminEmail', 'adminPassword']),
    )
    const unknown = await org.admin.post('/api/v1/operator/workspaces', {
      name: 'Mine Co',
      adminEmail: 'a@mine.test',
      adminPassword: 'long-enough-pw',
      template: 'mining',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors).toEqual([{ path: 'template', message: 'one of standard, saas' }])

    const res = await org.admin.post('/api/v1/operator/workspaces', {
      name: '华东阀门',
      locale: 'zh-CN',
      adminEmail: 'Wang@HuaDong.test',
      adminPassword: 'first-pass-123',
    })
    expect(res.status).toBe(201)
    expect(JSON.stringify(res.body)).not.toContain('first-pass-123')
    expect(res.body).toMatchObject({ name: '华东阀门', users: 1, accounts: 0 })
    expect(res.body.slug).toMatch(/^ws-[a-z0-9]+$/)
    const again = await org.admin.post('/api/v1/operator/workspaces', {
      name: '华东阀门',
      adminEmail: 'b@huadong.test',
      adminPassword: 'first-pass-123',
    })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('workspace_name_taken')
    expect(again.body.errors).toEqual([{ path: 'name', message: 'another workspace has this name' }])
    const zh = await env.app.inject({
      method: 'POST',
      url: '/api/v1/operator/workspaces',
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: { name: '华东阀门', adminEmail: 'b@huadong.test', adminPassword: 'first-pass-123' },
    })
    expect(zh.json()).toMatchObject({
      detail: '已有名为“华东阀门”的工作区；请换一个名称',
      errors: [{ path: 'name', message: '已有工作区使用此名称' }],
    })
    const admin = await loginAs(env.app, 'wang@huadong.test', 'first-pass-123')
    expect((await admin.get('/api/v1/auth/me')).body.workspace.id).toBe(res.body.id)
    const audit = await org.admin.get(`/api/v1/audit?entityType=workspace&entityId=${res.body.id}`)
    expect(JSON.stringify(audit.body)).not.toContain('first-pass-123')
  })
})

describe('a person in several workspaces', () => {
  let other: Org
  let foreign: Org
  beforeAll(async () => {
    other = await makeOrg(env)
    foreign = await makeOrg(env)
    // The same person (org's salesperson, same e-mail and password) becomes a member of the other workspace.
    const twin = await other.admin.post('/api/v1/users', {
      email: `sales@${org.slug}.test`,
      name: 'Sales Twin',
      password: PASSWORD,
      roles: ['sales'],
    })
    await org.sales.post('/api/v1/accounts', { name: 'Only In First' })
    await other.admin.post('/api/v1/accounts', { name: 'Only In Second', ownerId: twin.body.id })
  })

  it('signs in to the workspace used last, lists both, and switches into the other one', async () => {
    const first = await loginAs(env.app, `sales@${org.slug}.test`)
    expect((await first.get('/api/v1/auth/me')).body.workspace.id).toBe(org.wsId)
    const firstAccounts = (await first.get('/api/v1/accounts?limit=500')).body.data
    const ownId = firstAccounts.find((a: { name: string }) => a.name === 'Only In First').id
    const list = await first.get('/api/v1/auth/workspaces')
    expect(list.body.data.map((w: { id: string; current: boolean }) => [w.id, w.current]).sort()).toEqual(
      [
        [org.wsId, true],
        [other.wsId, false],
      ].sort(),
    )

    const switched = await first.post('/api/v1/auth/switch', { workspaceId: other.wsId })
    expect(switched.status).toBe(200)
    expect(String(switched.headers['set-cookie'])).toMatch(/openkam_session=/)
    expect(switched.body.user.workspace.id).toBe(other.wsId)
    const second = caller(env.app, switched.body.token)
    const names = (await second.get('/api/v1/accounts?limit=500')).body.data.map(
      (a: { name: string }) => a.name,
    )
    expect(names).toContain('Only In Second')
    expect(names).not.toContain('Only In First')
    // The old session ended.
    expect((await first.get('/api/v1/auth/me')).status).toBe(401)
    const firstAgain = await loginAs(env.app, `sales@${org.slug}.test`)
    expect((await firstAgain.get('/api/v1/auth/me')).body.workspace.id).toBe(other.wsId) // used last
    expect((await second.get(`/api/v1/accounts/${ownId}`)).status).toBe(404)
    expect((await second.get('/api/v1/auth/me')).body.workspace.id).toBe(other.wsId)
    const back = await second.post('/api/v1/auth/switch', { workspaceId: org.wsId })
    expect(back.status).toBe(200)
    const names1 = (await caller(env.app, back.body.token).get('/api/v1/accounts?limit=500')).body.data.map(
      (a: { name: string }) => a.name,
    )
    expect(names1).toContain('Only In First')
    expect(names1).not.toContain('Only In Second')
  })

  it('refuses a workspace the person does not belong to (404), and one whose user row is deactivated (403)', async () => {
    const s = await loginAs(env.app, `sales@${org.slug}.test`)
    expect((await s.post('/api/v1/auth/switch', { workspaceId: foreign.wsId })).status).toBe(404)
    expect((await s.post('/api/v1/auth/switch', { workspaceId: 'nope' })).status).toBe(400)
    const twin = (await other.admin.get(`/api/v1/users?limit=500`)).body.data.find(
      (u: { email: string }) => u.email === `sales@${org.slug}.test`,
    )
    await other.admin.patch(`/api/v1/users/${twin.id}`, { version: twin.version, active: false })
    const refused = await s.post('/api/v1/auth/switch', { workspaceId: other.wsId })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('user_inactive')
    expect((await s.get('/api/v1/auth/me')).status).toBe(200) // the session stays
  })

  it('does not link a row with the same e-mail but another password: another workspace’s administrator cannot get in', async () => {
    // The foreign administrator creates a user with the victim's e-mail and a password they know …
    await foreign.admin.post('/api/v1/users', {
      email: `manager@${org.slug}.test`,
      name: 'Impostor',
      password: 'impostor-knows-this',
      roles: ['admin'],
    })
    const impostor = await loginAs(env.app, `manager@${org.slug}.test`, 'impostor-knows-this')
    expect((await impostor.get('/api/v1/auth/me')).body.workspace.id).toBe(foreign.wsId)
    const list = await impostor.get('/api/v1/auth/workspaces')
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([foreign.wsId])
    // … but the victim's workspace stays closed to that session.
    expect((await impostor.post('/api/v1/auth/switch', { workspaceId: org.wsId })).status).toBe(404)
    // The victim, with their own password, still signs in to their own workspace only.
    const victim = await loginAs(env.app, `manager@${org.slug}.test`)
    expect((await victim.get('/api/v1/auth/me')).body.workspace.id).toBe(org.wsId)
    expect((await victim.get('/api/v1/auth/workspaces')).body.data.map((w: { id: string }) => w.id)).toEqual([
      org.wsId,
    ])
  })
})
