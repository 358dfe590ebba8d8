import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

describe('custom objects', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const siteVisit = {
    key: 'site_visits',
    label: 'Site visit',
    pluralLabel: 'Site visits',
    labels: { 'zh-CN': { one: '现场拜访', many: '现场拜访' } },
    icon: 'environment',
    fields: [
      {
        key: 'account',
        label: 'Account',
        labels: { 'zh-CN': '客户' },
        type: 'relation',
        relation: { object: 'accounts' },
        required: true,
        filterable: true,
      },
      { key: 'visitDate', label: 'Visit date', type: 'date', filterable: true, sortable: true },
      {
        key: 'outcome',
        label: 'Outcome',
        type: 'select',
        filterable: true,
        options: [
          { value: 'good', label: 'Good' },
          { value: 'poor', label: 'Poor' },
        ],
      },
      { key: 'attendees', label: 'Attendees', type: 'number', min: 1 },
    ],
  }

  it('creates an object with its fields, refuses reserved, taken and invalid ones, and describes it in both languages', async () => {
    expect((await org.sales.post('/api/v1/objects', siteVisit)).status).toBe(403)
    expect((await org.admin.post('/api/v1/objects', { ...siteVisit, key: 'accounts' })).status).toBe(400)
    const badField = await org.admin.post('/api/v1/objects', {
      ...siteVisit,
      key: 'broken',
      fields: [{ key: 'x', label: 'X', type: 'select' }],
    })
    expect(badField.status).toBe(400)
    expect(badField.body.errors[0].path).toBe('fields.0.options')
    expect((await org.admin.get('/api/v1/objects/broken')).status).toBe(404)
    const made = await org.admin.post('/api/v1/objects', siteVisit)
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect((await org.admin.post('/api/v1/objects', siteVisit)).status).toBe(409)
    const zh = (await org.sales.get('/api/v1/objects/site_visits?lang=zh-CN')).body
    expect(zh).toMatchObject({ key: 'site_visits', label: '现场拜访', builtIn: false, titleField: 'name' })
    expect(zh.fields.map((f: any) => f.key)).toEqual([
      'name',
      'ownerId',
      'createdAt',
      'updatedAt',
      'account',
      'visitDate',
      'outcome',
      'attendees',
    ])
    expect(zh.fields.find((f: any) => f.key === 'account').label).toBe('客户')
    const all = (await org.sales.get('/api/v1/objects')).body.data.map((o: any) => o.key)
    expect(all).toContain('site_visits')
  })

  it('keeps every collection convention for its records: CRUD, versions, validation, filters, sort, search, pages, trash, export, audit, visibility', async () => {
    const account = (await org.sales.post('/api/v1/accounts', { name: 'Visited Co' })).body
    const url = '/api/v1/objects/site_visits/records'
    const bad = await org.sales.post(url, { name: 'No account', custom: { attendees: 0 } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['custom.account', 'custom.attendees'])
    const made = []
    for (let i = 0; i < 5; i++) {
      const r = await org.sales.post(url, {
        name: `Visit ${i}`,
        custom: {
          account: account.id,
          visitDate: `2026-0${i + 1}-15`,
          outcome: i % 2 ? 'poor' : 'good',
          attendees: i + 1,
        },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      made.push(r.body)
    }
    expect(made[0]).toMatchObject({
      object: 'site_visits',
      name: 'Visit 0',
      version: 1,
      ownerId: org.sales.userId,
    })
    const good = await org.sales.get(`${url}?custom.outcome=good&sort=-custom.visitDate`)
    expect(good.body.data.map((r: any) => r.name)).toEqual(['Visit 4', 'Visit 2', 'Visit 0'])
    const page1 = await org.sales.get(`${url}?limit=2&sort=name`)
    const page2 = await org.sales.get(`${url}?limit=2&sort=name&cursor=${page1.body.nextCursor}`)
    expect([...page1.body.data, ...page2.body.data].map((r: any) => r.name)).toEqual([
      'Visit 0',
      'Visit 1',
      'Visit 2',
      'Visit 3',
    ])
    expect((await org.sales.get(`${url}?q=Visit%203`)).body.data.map((r: any) => r.name)).toEqual(['Visit 3'])
    const stale = await org.sales.patch(`${url}/${made[1].id}`, { version: 9, name: 'x' })
    expect(stale.status).toBe(409)
    const changed = await org.sales.patch(`${url}/${made[1].id}`, { version: 1, custom: { outcome: 'good' } })
    expect(changed.body).toMatchObject({ version: 2, custom: { outcome: 'good', attendees: 2 } })
    expect((await org.sales.del(`${url}/${made[2].id}`)).status).toBe(200)
    expect((await org.sales.get(`${url}/${made[2].id}`)).status).toBe(404)
    expect((await org.sales.get(`${url}?deleted=only`)).body.data.map((r: any) => r.id)).toEqual([made[2].id])
    expect((await org.sales.post(`${url}/${made[2].id}/restore`)).status).toBe(200)
    const csv = await org.sales.get(`${url}/export?format=csv&sort=name`)
    expect(csv.status).toBe(200)
    expect(csv.body.split('\r\n')[0]).toContain('custom.visitDate')
    expect(csv.body).toContain('Visit 4')
    // Visibility: another salesperson's records are out of reach, a manager of the team sees them.
    expect((await org.outsider.get(url)).body.data).toEqual([])
    expect((await org.outsider.get(`${url}/${made[0].id}`)).status).toBe(404)
    expect((await org.manager.get(url)).body.data.length).toBe(5)
    // Records of another object, or of a key that is not an object, are not reachable here.
    expect((await org.sales.get(`/api/v1/objects/nothing/records`)).status).toBe(404)
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=site_visits&entityId=${made[1].id}`))
      .body.data
    expect(audit.map((e: any) => e.action).sort()).toEqual(['create', 'update'])
    // Roll-ups count built-in objects' records only, for now: one over a custom object is refused by name.
    const count = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'siteVisits',
      label: 'Site visits',
      type: 'rollup',
      rollup: { object: 'site_visits', via: 'custom.account', fn: 'count' },
    })
    expect(count.status).toBe(400)
    expect(count.body.errors[0].path).toBe('rollup.object')
  })

  it('deletes an object with its records kept, and restores it', async () => {
    expect((await org.admin.del('/api/v1/objects/site_visits')).status).toBe(200)
    expect((await org.sales.get('/api/v1/objects/site_visits/records')).status).toBe(404)
    expect((await org.sales.get('/api/v1/objects')).body.data.map((o: any) => o.key)).not.toContain(
      'site_visits',
    )
    // The deleted objects are listed from the server, to restore them (administrators only).
    const trash = await org.admin.get('/api/v1/custom-objects?deleted=only')
    expect(trash.status).toBe(200)
    expect(trash.body.data.map((o: any) => o.key)).toEqual(['site_visits'])
    expect(trash.body.data[0].deletedAt).not.toBeNull()
    expect((await org.admin.get('/api/v1/custom-objects')).body.data.map((o: any) => o.key)).not.toContain(
      'site_visits',
    )
    expect((await org.sales.get('/api/v1/custom-objects?deleted=only')).status).toBe(403)
    expect((await org.admin.get('/api/v1/custom-objects?deleted=maybe')).status).toBe(400)
    expect((await org.admin.post('/api/v1/objects/site_visits/restore')).status).toBe(200)
    expect((await org.admin.get('/api/v1/custom-objects?deleted=only')).body.data).toEqual([])
    await waitFor(
      async () => (await org.sales.get('/api/v1/objects/site_visits/records')).body.data?.length === 5,
    )
  })
})

describe('custom objects on the account 360°', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('lists the records of a custom object related to the account, only those the person may see', async () => {
    const made = await org.admin.post('/api/v1/objects', {
      key: 'site_visits',
      label: 'Site visit',
      pluralLabel: 'Site visits',
      labels: { 'zh-CN': { one: '现场拜访', many: '现场拜访' } },
      fields: [
        {
          key: 'account',
          label: 'Account',
          type: 'relation',
          relation: { object: 'accounts' },
          filterable: true,
        },
      ],
    })
    expect(made.status).toBe(201)
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Visited' })).body
    const other = (await org.sales.post('/api/v1/accounts', { name: 'Not visited' })).body
    await org.sales.post('/api/v1/objects/site_visits/records', { name: 'Mine', custom: { account: a.id } })
    await org.admin.post('/api/v1/objects/site_visits/records', {
      name: 'Admin’s',
      ownerId: org.admin.userId,
      custom: { account: a.id },
    })
    await org.sales.post('/api/v1/objects/site_visits/records', {
      name: 'Elsewhere',
      custom: { account: other.id },
    })
    const view = (await org.sales.get(`/api/v1/accounts/${a.id}/360`)).body
    expect(view.related).toHaveLength(1)
    expect(view.related[0]).toMatchObject({
      object: 'site_visits',
      pluralLabel: 'Site visits',
      field: 'account',
    })
    expect(view.related[0].records.map((r: any) => r.name)).toEqual(['Mine'])
    const mine = view.timeline.filter((e: any) => e.kind === 'custom')
    expect(mine).toEqual([
      expect.objectContaining({ title: 'Mine', refType: 'site_visits', subtype: 'Site visits' }),
    ])
    const onlyCustom = (await org.sales.get(`/api/v1/accounts/${a.id}/timeline?kinds=custom`)).body.data
    expect(onlyCustom.map((e: any) => e.title)).toEqual(['Mine'])
    const asAdmin = (await org.admin.get(`/api/v1/accounts/${a.id}/360`)).body
    expect(asAdmin.related[0].records.map((r: any) => r.name).sort()).toEqual(['Admin’s', 'Mine'])
  })
})
