import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const obj = await org.admin.post('/api/v1/objects', {
    key: 'site_visits',
    label: 'Site visit',
    pluralLabel: 'Site visits',
    fields: [
      { key: 'account', label: 'Account', type: 'relation', relation: { object: 'accounts' } },
      { key: 'partners', label: 'Partners', type: 'relation', relation: { object: 'accounts', many: true } },
    ],
  })
  expect(obj.status, JSON.stringify(obj.body)).toBe(201)
})
afterAll(() => env?.close())

const CODE = '91320100MA1XYK1234'

describe('duplicates on create and rename', () => {
  it('finds the same credit code, the same domain or website host, and a near-identical name', async () => {
    const gas = await org.sales.post('/api/v1/accounts', {
      name: '南京驰远燃气集团有限公司',
      creditCode: CODE,
      website: 'https://www.chiyuan-gas.cn/about',
    })
    expect(gas.status).toBe(201)
    const byName = await org.sales.get(
      `/api/v1/accounts/duplicates?name=${encodeURIComponent(' 南京驰远燃气集团（有限公司） ')}`,
    )
    expect(byName.status).toBe(200)
    expect(byName.body.data).toEqual([
      expect.objectContaining({ id: gas.body.id, on: 'name', visible: true, creditCode: CODE }),
    ])
    const byHost = await org.sales.get('/api/v1/accounts/duplicates?name=Other&domain=chiyuan-gas.cn')
    expect(byHost.body.data).toEqual([expect.objectContaining({ id: gas.body.id, on: 'domain' })])
    const byCode = await org.sales.get(`/api/v1/accounts/duplicates?name=X&creditCode=${CODE}`)
    expect(byCode.body.data[0]).toMatchObject({ id: gas.body.id, on: 'creditCode' })
    // A different credit code is a different company, whatever the name; the record itself is no duplicate.
    const other = await org.sales.get(
      `/api/v1/accounts/duplicates?name=${encodeURIComponent('南京驰远燃气集团有限公司')}&creditCode=91320100MA1XYK9999`,
    )
    expect(other.body.data).toEqual([])
    const self = await org.sales.get(
      `/api/v1/accounts/duplicates?name=${encodeURIComponent('南京驰远燃气集团有限公司')}&excludeId=${gas.body.id}`,
    )
    expect(self.body.data).toEqual([])
    expect((await org.sales.get('/api/v1/accounts/duplicates?name=南京华锐精密')).body.data).toEqual([])
  })

  it("names a colleague's twin without showing its details", async () => {
    const seen = await org.outsider.get(
      `/api/v1/accounts/duplicates?name=${encodeURIComponent('南京驰远燃气集团有限公司')}`,
    )
    expect(seen.body.data).toEqual([
      expect.objectContaining({ name: '南京驰远燃气集团有限公司', visible: false, creditCode: null }),
    ])
  })

  it('answers 409 naming the existing account when the credit code is taken, and writes nothing', async () => {
    const before = (await org.admin.get('/api/v1/accounts?limit=500')).body.data.length
    const dup = await org.sales.post('/api/v1/accounts', { name: '驰远燃气（新）', creditCode: CODE })
    expect(dup.status).toBe(409)
    expect(dup.body.code).toBe('duplicate_account')
    expect(dup.body.existing.name).toBe('南京驰远燃气集团有限公司')
    expect(dup.body.errors[0].path).toBe('creditCode')
    expect((await org.admin.get('/api/v1/accounts?limit=500')).body.data.length).toBe(before)
  })

  it('answers 400 to a bad query', async () => {
    expect((await org.sales.get('/api/v1/accounts/duplicates?colour=red')).status).toBe(400)
  })
})

describe('merging two accounts', () => {
  it('moves every kind of child to the survivor, takes the chosen fields, and keeps both histories', async () => {
    const s = org.sales
    const survivor = (await s.post('/api/v1/accounts', { name: 'Chiyuan Gas', industry: 'energy' })).body
    const merged = (
      await s.post('/api/v1/accounts', {
        name: 'Chiyuan Gas Co., Ltd.',
        region: 'east',
        creditCode: '91320100MA1MERGE01',
      })
    ).body
    const on = (id: string) => ({ accountId: id })
    for (const id of [survivor.id, merged.id]) {
      expect((await s.post('/api/v1/contacts', { ...on(id), name: `Contact of ${id}` })).status).toBe(201)
    }
    const made = await Promise.all([
      s.post('/api/v1/opportunities', { ...on(merged.id), name: 'Deal' }),
      s.post('/api/v1/activities', { ...on(merged.id), kind: 'call', subject: 'Call' }),
      s.post('/api/v1/tickets', { ...on(merged.id), subject: 'Broken meter' }),
      s.post('/api/v1/contracts', { ...on(merged.id), number: 'HT-M-1', amount: '1000', status: 'draft' }),
      s.post('/api/v1/invoices', { ...on(merged.id), number: 'FP-M-1', amount: '1000' }),
      s.post('/api/v1/tasks', { ...on(merged.id), title: 'Follow up', assigneeId: s.userId }),
      s.post('/api/v1/objects/site_visits/records', {
        name: 'Visit',
        custom: { account: merged.id, partners: [merged.id, survivor.id] },
      }),
    ])
    for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201)
    const db = env.rt.database.db
    await db.execute(sql`insert into alerts (id, workspace_id, account_id, type, severity, status, reason)
      values (gen_random_uuid(), ${org.wsId}, ${merged.id}, 'health_drop', 'warning', 'open', 'test')`)
    // One row per account: the survivor's stands, the merged one's goes.
    for (const id of [survivor.id, merged.id]) {
      await db.execute(sql`insert into account_tiers (workspace_id, account_id, industry_leader)
        values (${org.wsId}, ${id}, ${id === merged.id})`)
    }

    // Re-read: derived fields (segment) may have moved the versions on.
    for (const a of [survivor, merged]) {
      Object.assign(
        a,
        await waitFor(
          async () =>
            (await s.get(`/api/v1/accounts/${a.id}`)).body.segment &&
            (await s.get(`/api/v1/accounts/${a.id}`)).body,
        ),
      )
    }
    // Someone who may not change both is refused, and nothing moves.
    const refused = await org.outsider.post(`/api/v1/accounts/${survivor.id}/merge`, {
      mergedId: merged.id,
      version: survivor.version,
      mergedVersion: merged.version,
    })
    expect([403, 404]).toContain(refused.status)
    const bad = await s.post(`/api/v1/accounts/${survivor.id}/merge`, {
      mergedId: merged.id,
      version: survivor.version,
      mergedVersion: merged.version,
      fields: ['colour'],
    })
    expect(bad.status).toBe(400)
    const stale = await s.post(`/api/v1/accounts/${survivor.id}/merge`, {
      mergedId: merged.id,
      version: survivor.version,
      mergedVersion: merged.version + 5,
    })
    expect(stale.status).toBe(409)

    // Background handlers (lifecycle stage, segment) may move the versions on meanwhile: read, then merge.
    const res = await waitFor(async () => {
      const v = (await s.get(`/api/v1/accounts/${survivor.id}`)).body.version
      const mv = (await s.get(`/api/v1/accounts/${merged.id}`)).body.version
      const r = await s.post(`/api/v1/accounts/${survivor.id}/merge`, {
        mergedId: merged.id,
        version: v,
        mergedVersion: mv,
        fields: ['region', 'creditCode'],
      })
      return r.body?.code === 'version_conflict' ? null : r
    }, 15_000)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.moved).toMatchObject({
      contacts: 1,
      opportunities: 1,
      activities: 1,
      tickets: 1,
      contracts: 1,
      invoices: 1,
      tasks: expect.any(Number), // the task made here and any a playbook added
      alerts: 1,
      'account_tiers.dropped': 1,
      'site_visits.custom.account': 1,
      'site_visits.custom.partners': 1,
    })

    const after = (await s.get(`/api/v1/accounts/${survivor.id}`)).body
    expect(after).toMatchObject({
      name: 'Chiyuan Gas',
      industry: 'energy',
      region: 'east',
      creditCode: '91320100MA1MERGE01',
    })
    for (const c of [
      'contacts',
      'opportunities',
      'activities',
      'tickets',
      'contracts',
      'invoices',
      'tasks',
    ]) {
      const list = (await s.get(`/api/v1/${c}?accountId=${survivor.id}&limit=50`)).body.data
      expect(list.length, c).toBeGreaterThan(0)
      expect((await s.get(`/api/v1/${c}?accountId=${merged.id}&limit=50`)).body.data, c).toEqual([])
    }
    expect((await s.get(`/api/v1/contacts?accountId=${survivor.id}`)).body.data).toHaveLength(2)
    const visit = (await s.get('/api/v1/objects/site_visits/records')).body.data[0]
    expect(visit.custom.account).toBe(survivor.id)
    expect([...visit.custom.partners].sort()).toEqual([survivor.id])

    // The merged account is in the trash, pointing at the survivor; both histories are kept.
    expect((await s.get(`/api/v1/accounts/${merged.id}`)).status).toBe(404)
    const merges = (await s.get(`/api/v1/accounts/${merged.id}/merges`)).body.data
    expect(merges).toEqual([
      expect.objectContaining({
        survivorId: survivor.id,
        mergedId: merged.id,
        mergedName: 'Chiyuan Gas Co., Ltd.',
      }),
    ])
    expect((await s.get(`/api/v1/accounts/${survivor.id}/merges`)).body.data).toHaveLength(1)
    const audit = async (id: string) =>
      (await org.admin.get(`/api/v1/audit-log?entityType=account&entityId=${id}&limit=50`)).body.data.map(
        (e: { action: string }) => e.action,
      )
    expect(await audit(survivor.id)).toEqual(expect.arrayContaining(['create', 'update', 'merge']))
    expect(await audit(merged.id)).toEqual(expect.arrayContaining(['create', 'delete']))
    const events = await db.execute(
      sql`select type from outbox where workspace_id = ${org.wsId} and type = 'account.merged'`,
    )
    expect(((events as { rows?: unknown[] }).rows ?? (events as unknown[])).length).toBe(1)
  })

  it('refuses to merge an account into itself', async () => {
    const id = (await org.sales.post('/api/v1/accounts', { name: 'Lonely' })).body.id
    const a = (await org.sales.get(`/api/v1/accounts/${id}`)).body
    const res = await org.sales.post(`/api/v1/accounts/${a.id}/merge`, {
      mergedId: a.id,
      version: a.version,
      mergedVersion: a.version,
    })
    expect(res.status).toBe(400)
  })
})
