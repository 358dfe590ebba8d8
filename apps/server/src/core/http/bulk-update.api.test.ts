import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
const run = Math.random().toString(36).slice(2, 7)
const ids: string[] = []

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  for (const [i, industry] of ['retail', 'finance', 'energy'].entries()) {
    const r = await org.admin.post('/api/v1/accounts', {
      name: `Bulk ${i} ${run}`,
      industry,
      ownerId: org.sales.userId,
      annualSpend: { amount: String(1000 * (i + 1)), currency: 'CNY' },
    })
    expect(r.status).toBe(201)
    ids.push(r.body.id)
  }
})
afterAll(() => env?.close())

// The fields these tests change, but not the version or the tier: background work (the tier engine,
// scoring) may write the accounts at any time, so "changes nothing" is judged on the fields only a
// person sets; a bulk change of the tier is checked by its value (never 'growth' when refused).
const accounts = async () =>
  ((await org.admin.get(`/api/v1/accounts?q=${run}&sort=name`)).body.data as any[]).map((a) => ({
    industry: a.industry,
    custom: a.custom,
    annualSpend: a.annualSpend,
    grown: a.tier === 'growth',
  }))
/** The accounts whose audit trail holds a change of their industry to `industry`. */
const audited = async (industry: string) =>
  [
    ...new Set(
      (await org.admin.get(`/api/v1/audit-log?entityType=account&limit=200`)).body.data
        .filter((e: any) => ids.includes(e.entityId) && e.after?.industry === industry)
        .map((e: any) => e.entityId),
    ),
  ].sort()

describe('POST /api/v1/<collection>/bulk-update', () => {
  it('changes a field on several records in one go, audited per record, and undoes it', async () => {
    const before = await accounts()
    const res = await org.sales.post('/api/v1/accounts/bulk-update', { ids, set: { industry: 'healthcare' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.updated).toBe(3)
    expect(res.body.changes.map((c: any) => [c.before.industry, c.after.industry])).toEqual([
      ['retail', 'healthcare'],
      ['finance', 'healthcare'],
      ['energy', 'healthcare'],
    ])
    expect((await accounts()).map((a) => a.industry)).toEqual(['healthcare', 'healthcare', 'healthcare'])
    expect(await audited('healthcare')).toEqual([...ids].sort())

    const undo = await org.sales.post('/api/v1/accounts/bulk-update', res.body.undo)
    expect(undo.status, JSON.stringify(undo.body)).toBe(200)
    expect((await accounts()).map((a) => a.industry)).toEqual(before.map((a) => a.industry))
    // An undo of a record whose field changed since is refused (409), naming it, and changes nothing.
    const redo = await org.sales.post('/api/v1/accounts/bulk-update', { ids, set: { industry: 'education' } })
    expect(redo.status).toBe(200)
    // Background work (scoring, health) may bump the version after the bulk change: edit the current one,
    // reading again when it moved between the read and the write.
    const edit = async () =>
      org.sales.patch(`/api/v1/accounts/${ids[1]}`, {
        version: (await org.sales.get(`/api/v1/accounts/${ids[1]}`)).body.version,
        industry: 'saas',
      })
    let moved = await edit()
    for (let i = 0; moved.status === 409 && i < 3; i++) moved = await edit()
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    const again = await org.sales.post('/api/v1/accounts/bulk-update', redo.body.undo)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('changed_since')
    expect(again.body.record).toMatchObject({ index: 1, id: ids[1], name: `Bulk 1 ${run}` })
    expect((await accounts()).map((a) => a.industry)).toEqual(['education', 'saas', 'education'])
  })

  it('changes custom fields and money, and refuses a bad value naming the record, changing nothing', async () => {
    const def = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'score',
      label: 'Score',
      type: 'number',
      max: 10,
    })
    expect(def.status).toBe(201)
    const ok = await org.admin.post('/api/v1/accounts/bulk-update', {
      ids,
      set: { custom: { score: 7 }, annualSpend: { amount: '5.00', currency: 'USD' } },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.changes[1].before).toEqual({
      custom: { score: null },
      annualSpend: { amount: '2000.00', currency: 'CNY' },
    })
    const now = await accounts()
    const bad = await org.admin.post('/api/v1/accounts/bulk-update', { ids, set: { custom: { score: 99 } } })
    expect(bad.status).toBe(400)
    expect(bad.body.record).toMatchObject({ index: 0, id: ids[0] })
    expect(bad.body.errors[0].path).toBe('records.0.custom.score')
    expect(await accounts()).toEqual(now)
    const enumBad = await org.admin.post('/api/v1/accounts/bulk-update', { ids, set: { industry: 'moon' } })
    expect(enumBad.status).toBe(400)
    expect(enumBad.body.detail).toContain(`Bulk 0 ${run}`)
    expect(await accounts()).toEqual(now)
  })

  it('refuses the whole change when one record is out of reach, and bad bodies', async () => {
    const theirs = await org.admin.post('/api/v1/accounts', {
      name: `Other ${run}`,
      ownerId: org.sales2.userId,
    })
    const now = await accounts()
    const res = await org.sales.post('/api/v1/accounts/bulk-update', {
      ids: [...ids, theirs.body.id],
      set: { tier: 'growth' },
    })
    expect(res.status).toBe(404)
    expect(res.body.record).toMatchObject({ index: 3, id: theirs.body.id })
    expect(await accounts()).toEqual(now)
    for (const body of [
      { ids },
      { ids, set: {} },
      { ids, set: { version: 3 } },
      { ids: [ids[0], ids[0]], set: { tier: 'growth' } },
      { ids, set: { tier: 'growth' }, records: [] },
      { ids: ['nope'], set: { tier: 'growth' } },
    ])
      expect((await org.sales.post('/api/v1/accounts/bulk-update', body)).status, JSON.stringify(body)).toBe(
        400,
      )
    expect(
      (await org.finance.post('/api/v1/accounts/bulk-update', { ids, set: { tier: 'growth' } })).status,
    ).toBe(403)
    expect(await accounts()).toEqual(now)
  })

  it('works on the records of a custom object', async () => {
    const made = await org.admin.post('/api/v1/objects', {
      key: 'site_visits',
      label: 'Site visit',
      pluralLabel: 'Site visits',
      fields: [{ key: 'rating', label: 'Rating', type: 'number', min: 1, max: 5 }],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const visits: string[] = []
    for (const name of ['Visit A', 'Visit B']) {
      const r = await org.admin.post('/api/v1/objects/site_visits/records', { name, custom: { rating: 2 } })
      expect(r.status).toBe(201)
      visits.push(r.body.id)
    }
    const url = '/api/v1/objects/site_visits/records/bulk-update'
    const bad = await org.admin.post(url, { ids: visits, set: { custom: { rating: 9 } } })
    expect(bad.status).toBe(400)
    expect(bad.body.record).toMatchObject({ index: 0, name: 'Visit A' })
    const ok = await org.admin.post(url, { ids: visits, set: { custom: { rating: 5 } } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    const ratings = async () =>
      ((await org.admin.get('/api/v1/objects/site_visits/records?sort=name')).body.data as any[]).map(
        (r) => r.custom.rating,
      )
    expect(await ratings()).toEqual([5, 5])
    expect((await org.admin.post(url, ok.body.undo)).status).toBe(200)
    expect(await ratings()).toEqual([2, 2])
  })
})
