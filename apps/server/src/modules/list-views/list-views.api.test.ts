import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org
let teamId: string

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  teamId = (await org.admin.get('/api/v1/teams?q=Team%20East')).body.data[0].id
})
afterAll(() => env?.close())

const names = async (who: Org['admin'], q = '') =>
  ((await who.get(`/api/v1/list-views?object=accounts&limit=100${q}`)).body.data as any[])
    .map((v) => v.name)
    .sort()

describe('/api/v1/list-views', () => {
  it('creates, reads, renames and deletes a private view, with audit', async () => {
    const made = await org.sales.post('/api/v1/list-views', {
      name: 'My retail',
      object: 'accounts',
      q: 'east',
      sort: '-annualSpend',
      filters: { industry: 'retail,finance', 'annualSpend[gte]': '1000000' },
      columns: ['name', 'industry', 'annualSpend', 'ownerId'],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({
      sharing: 'private',
      teamId: null,
      ownerId: org.sales.userId,
      filters: { industry: 'retail,finance', 'annualSpend[gte]': '1000000' },
      columns: ['name', 'industry', 'annualSpend', 'ownerId'],
    })
    const id = made.body.id
    expect(await names(org.sales)).toEqual(['My retail'])
    // Private: not for the teammate, the manager or even an administrator's list.
    expect(await names(org.sales2)).toEqual([])
    expect(await names(org.admin)).toEqual([])
    expect((await org.sales2.get(`/api/v1/list-views/${id}`)).status).toBe(404)

    const renamed = await org.sales.patch(`/api/v1/list-views/${id}`, { version: 1, name: 'Retail, big' })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: 'Retail, big', version: 2, q: 'east' })
    expect((await org.sales.patch(`/api/v1/list-views/${id}`, { version: 1, name: 'x' })).status).toBe(409)
    const audit = await org.admin.get(`/api/v1/audit-log?entityType=list_view&entityId=${id}`)
    expect(audit.body.data.map((e: any) => e.action).sort()).toEqual(['create', 'update'])
    expect((await org.sales.del(`/api/v1/list-views/${id}`)).status).toBe(200)
    expect(await names(org.sales)).toEqual([])
  })

  it('shares a view with a team or the workspace; others read it but may not change it', async () => {
    const team = await org.sales.post('/api/v1/list-views', {
      name: 'Team view',
      object: 'accounts',
      sharing: 'team',
      teamId,
    })
    expect(team.status, JSON.stringify(team.body)).toBe(201)
    const all = await org.manager.post('/api/v1/list-views', {
      name: 'Everyone',
      object: 'accounts',
      sharing: 'workspace',
      sort: 'name',
    })
    expect(all.status).toBe(201)
    expect(await names(org.sales2)).toEqual(['Everyone', 'Team view'])
    expect(await names(org.outsider)).toEqual(['Everyone'])
    expect(await names(org.finance)).toEqual(['Everyone'])
    expect(await names(other.admin)).toEqual([])
    const edit = await org.sales2.patch(`/api/v1/list-views/${team.body.id}`, {
      version: 1,
      name: 'Mine now',
    })
    expect(edit.status).toBe(403)
    expect((await org.sales2.del(`/api/v1/list-views/${team.body.id}`)).status).toBe(403)
    // An administrator may tidy up a shared view.
    const tidy = await org.admin.patch(`/api/v1/list-views/${all.body.id}`, {
      version: 1,
      sharing: 'private',
    })
    expect(tidy.status, JSON.stringify(tidy.body)).toBe(200)
    expect(await names(org.sales2)).toEqual(['Team view'])
    // Back to private forgets the team.
    const priv = await org.sales.patch(`/api/v1/list-views/${team.body.id}`, {
      version: 1,
      sharing: 'private',
    })
    expect(priv.body).toMatchObject({ sharing: 'private', teamId: null })
  })

  it('refuses bad views with 400 naming the field, creating nothing', async () => {
    const bad = [
      [{ name: '', object: 'accounts' }, 'name'],
      [{ name: 'x', object: 'nothing_here' }, 'object'],
      [{ name: 'x', object: 'accounts', sharing: 'team' }, 'teamId'],
      [{ name: 'x', object: 'accounts', sharing: 'team', teamId }, 'teamId'],
      [{ name: 'x', object: 'accounts', sort: 'drop table' }, 'sort'],
      [{ name: 'x', object: 'accounts', sharing: 'everyone' }, 'sharing'],
      [{ name: 'x', object: 'accounts', bogus: 1 }, 'bogus'],
    ] as const
    for (const [body, path] of bad) {
      // The outsider belongs to no team: sharing with Team East is refused.
      const res = await org.outsider.post('/api/v1/list-views', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors.map((e: any) => e.path)).toContain(path)
    }
    expect(await names(org.outsider, '&ownerId=me')).toEqual([])
  })
})
