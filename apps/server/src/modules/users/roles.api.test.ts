import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const roleByKey = async (key: string) =>
  (await org.admin.get(`/api/v1/roles?key=${key}`)).body.data[0] as {
    id: string
    version: number
    permissions: Record<string, Record<string, string>>
    builtin: boolean
  }

describe('role editor', () => {
  it('copies a built-in role into a custom one, edits it, and the change applies to its holders at once', async () => {
    const sales = await roleByKey('sales')
    const copy = await org.admin.post('/api/v1/roles', {
      key: 'key_account_lead',
      name: 'Key account lead',
      description: 'Copy of Account manager that reads every account',
      permissions: {
        ...sales.permissions,
        accounts: { read: 'all', create: 'own', update: 'own', delete: 'none' },
      },
    })
    expect(copy.status).toBe(201)
    expect(copy.body).toMatchObject({ key: 'key_account_lead', builtin: false })
    const u = await org.admin.get(`/api/v1/users/${org.outsider.userId}`)
    expect(
      (
        await org.admin.patch(`/api/v1/users/${org.outsider.userId}`, {
          version: u.body.version,
          roles: ['key_account_lead'],
        })
      ).status,
    ).toBe(200)
    await org.sales.post('/api/v1/accounts', { name: 'Seen by the lead' })
    const seen = await org.outsider.get('/api/v1/accounts?limit=100')
    expect(seen.body.data.map((a: { name: string }) => a.name)).toContain('Seen by the lead')
    // Narrowing the role takes effect on the very next request.
    const narrowed = await org.admin.patch(`/api/v1/roles/${copy.body.id}`, {
      version: copy.body.version,
      permissions: { '*': { read: 'own', create: 'own', update: 'own', delete: 'none' } },
    })
    expect(narrowed.status).toBe(200)
    const after = await org.outsider.get('/api/v1/accounts?limit=100')
    expect(after.body.data.map((a: { name: string }) => a.name)).not.toContain('Seen by the lead')
    const audit = await org.admin.get(`/api/v1/audit-log?entityType=role&entityId=${copy.body.id}`)
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update']),
    )
  })

  it('refuses to delete a role someone holds (409 role_in_use) and deletes it once nobody does', async () => {
    const role = await roleByKey('key_account_lead')
    const held = await org.admin.del(`/api/v1/roles/${role.id}`)
    expect(held.status).toBe(409)
    expect(held.body.code).toBe('role_in_use')
    expect(held.body.users).toBe(1)
    const u = await org.admin.get(`/api/v1/users/${org.outsider.userId}`)
    await org.admin.patch(`/api/v1/users/${org.outsider.userId}`, {
      version: u.body.version,
      roles: ['sales'],
    })
    expect((await org.admin.del(`/api/v1/roles/${role.id}`)).status).toBe(200)
    expect(await roleByKey('key_account_lead')).toBeUndefined()
  })

  it('keeps built-in roles: none is deleted and the admin role keeps its permissions', async () => {
    const legal = await roleByKey('legal')
    const del = await org.admin.del(`/api/v1/roles/${legal.id}`)
    expect(del.status).toBe(422)
    expect(del.body.code).toBe('builtin_role')
    const admin = await roleByKey('admin')
    const narrowed = await org.admin.patch(`/api/v1/roles/${admin.id}`, {
      version: admin.version,
      permissions: { '*': { read: 'own' } },
    })
    expect(narrowed.status).toBe(422)
    expect((await roleByKey('admin')).permissions).toEqual(admin.permissions)
  })

  it('refuses bad input with the field named, and refuses people who may not change roles', async () => {
    const bad = await org.admin.post('/api/v1/roles', {
      key: 'Bad Key',
      name: '',
      permissions: { 'no spaces': { read: 'all' }, accounts: { read: 'everything' } },
    })
    expect(bad.status).toBe(400)
    const paths = bad.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['key', 'name']))
    expect(paths.some((p: string) => p.startsWith('permissions'))).toBe(true)
    const dup = await org.admin.post('/api/v1/roles', { key: 'sales', name: 'x', permissions: {} })
    expect(dup.status).toBe(400)
    expect(dup.body.errors[0].path).toBe('key')
    const sales = await org.sales.post('/api/v1/roles', { key: 'mine', name: 'Mine', permissions: {} })
    expect(sales.status).toBe(403)
    const legal = await roleByKey('legal')
    expect((await org.manager.del(`/api/v1/roles/${legal.id}`)).status).toBe(403)
  })
})
