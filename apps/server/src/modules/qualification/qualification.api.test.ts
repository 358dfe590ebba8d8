import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { outbox } from '../../core/events/outbox.table'

const scores = (a: number, b: number, c: number, d: number) => ({
  strategic_fit: a,
  profit_potential: b,
  stability: c,
  market_influence: d,
})

describe('qualification: potential scoring (R-02)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const account = async (name: string, extra: object = {}) =>
    (await org.sales.post('/api/v1/accounts', { name, ...extra })).body.id as string
  const classEvents = async (accountId: string) =>
    (
      await env.rt.database.db
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.workspaceId, org.wsId),
            eq(outbox.entityId, accountId),
            eq(outbox.type, 'account.potential_class_changed'),
          ),
        )
    ).map((e) => e.payload as { from: string | null; to: string })

  it('installs the default model of the template', async () => {
    const res = await org.sales.get('/api/v1/scoring-models')
    expect(res.status).toBe(200)
    const [m] = res.body.data
    expect(m).toMatchObject({ isDefault: true, bands: { A: 4, B: 3 }, template: 'default' })
    expect(m.dimensions.map((d: any) => [d.key, d.weight, d.rubric.length])).toEqual([
      ['strategic_fit', 30, 5],
      ['profit_potential', 30, 5],
      ['stability', 20, 5],
      ['market_influence', 20, 5],
    ])
  })

  it.each([
    [[4, 4, 4, 4], 4, 'A'],
    [[5, 3, 4, 4], 4, 'A'],
    [[4, 4, 4, 3], 3.8, 'B'],
    [[3, 2, 3, 3], 2.7, 'C'],
  ])('scores %j to a total of %d, class %s', async (s, total, cls) => {
    const id = await account(`Scored ${s.join('')}`)
    const res = await org.sales.put(`/api/v1/accounts/${id}/potential`, {
      scores: scores(s[0]!, s[1]!, s[2]!, s[3]!),
      note: 'first look',
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total, class: cls })
    expect(res.body.contributions.map((c: any) => c.weight)).toEqual([0.3, 0.3, 0.2, 0.2])
    const acc = (await org.sales.get(`/api/v1/accounts/${id}`)).body
    expect(acc.potential).toEqual({ total, class: cls })
  })

  it('lists each contribution of 5, 3, 4, 4', async () => {
    const id = await account('Contributions')
    const res = await org.sales.put(`/api/v1/accounts/${id}/potential`, { scores: scores(5, 3, 4, 4) })
    expect(res.body.contributions.map((c: any) => [c.dimension, c.score, c.contribution])).toEqual([
      ['strategic_fit', 5, 1.5],
      ['profit_potential', 3, 0.9],
      ['stability', 4, 0.8],
      ['market_influence', 4, 0.8],
    ])
  })

  it('puts 3.99 in class B with a model of other weights', async () => {
    const model = await org.admin.post('/api/v1/scoring-models', {
      name: 'Two dimensions',
      dimensions: [
        { key: 'fit', label: 'Fit', weight: 1, rubric: ['1', '2', '3', '4', '5'] },
        { key: 'value', label: 'Value', weight: 99, rubric: ['1', '2', '3', '4', '5'] },
      ],
    })
    expect(model.status).toBe(201)
    expect(model.body.bands).toEqual({ A: 4, B: 3 })
    const id = await account('Almost A')
    const res = await org.sales.put(`/api/v1/accounts/${id}/potential`, {
      modelId: model.body.id,
      scores: { fit: 3, value: 4 },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 3.99, class: 'B' })
  })

  it('refuses weights that do not sum to 100 with 422, naming the sum, and changes nothing', async () => {
    const dims = [
      { key: 'a', label: 'A', weight: 30, rubric: ['1', '2', '3', '4', '5'] },
      { key: 'b', label: 'B', weight: 60, rubric: ['1', '2', '3', '4', '5'] },
    ]
    const bad = await org.admin.post('/api/v1/scoring-models', { name: 'Ninety', dimensions: dims })
    expect(bad.status).toBe(422)
    expect(bad.body.code).toBe('weights_sum')
    expect(bad.body.detail).toContain('sum to 90%')
    const list = await org.admin.get('/api/v1/scoring-models?q=Ninety')
    expect(list.body.data).toHaveLength(0)
    const [m] = (await org.admin.get('/api/v1/scoring-models?isDefault=true')).body.data
    const patch = await org.admin.patch(`/api/v1/scoring-models/${m.id}`, {
      version: m.version,
      dimensions: m.dimensions.map((d: any, i: number) => (i === 0 ? { ...d, weight: 35 } : d)),
    })
    expect(patch.status).toBe(422)
    expect(patch.body.detail).toContain('sum to 105%')
    expect((await org.admin.get(`/api/v1/scoring-models/${m.id}`)).body.version).toBe(m.version)
    const byRep = await org.sales.post('/api/v1/scoring-models', {
      name: 'Mine',
      dimensions: [{ ...dims[0], weight: 100 }],
    })
    expect(byRep.status).toBe(403)
  })

  it('refuses scores outside 1–5, missing or unknown dimensions', async () => {
    const id = await account('Bad scores')
    const res = await org.sales.put(`/api/v1/accounts/${id}/potential`, {
      scores: { strategic_fit: 6, profit_potential: 3, stability: 3, reach: 2 },
    })
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: any) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['scores.strategic_fit']))
    const again = await org.sales.put(`/api/v1/accounts/${id}/potential`, {
      scores: { strategic_fit: 5, profit_potential: 3, stability: 3, reach: 2 },
    })
    expect(again.status).toBe(400)
    expect(again.body.errors.map((e: any) => e.path).sort()).toEqual([
      'scores.market_influence',
      'scores.reach',
    ])
    expect((await org.sales.get(`/api/v1/accounts/${id}/potential`)).body.history).toHaveLength(0)
  })

  it('keeps the history and emits a class change once', async () => {
    const id = await account('History')
    await org.sales.put(`/api/v1/accounts/${id}/potential`, {
      scores: scores(3, 3, 3, 3),
      note: 'B at first',
    })
    await org.manager.put(`/api/v1/accounts/${id}/potential`, {
      scores: scores(5, 3, 4, 4),
      note: 'won the pilot',
    })
    await org.sales.put(`/api/v1/accounts/${id}/potential`, { scores: scores(4, 4, 4, 4), note: 'still A' })
    const res = await org.sales.get(`/api/v1/accounts/${id}/potential`)
    expect(res.status).toBe(200)
    expect(res.body.history.map((h: any) => [h.total, h.class, h.note])).toEqual([
      [4, 'A', 'still A'],
      [4, 'A', 'won the pilot'],
      [3, 'B', 'B at first'],
    ])
    expect(res.body.current.total).toBe(4)
    expect(res.body.history[1]).toMatchObject({
      scoredBy: org.manager.userId,
      scoredByName: 'manager',
      modelVersion: 1,
    })
    expect(await classEvents(id)).toEqual([
      expect.objectContaining({ from: null, to: 'B' }),
      expect.objectContaining({ from: 'B', to: 'A' }),
    ])
    const audit = await org.admin.get(`/api/v1/audit?entityType=account&entityId=${id}`)
    if (audit.status === 200)
      expect(audit.body.data.filter((e: any) => e.action === 'potential_scored')).toHaveLength(3)
  })

  it('refuses scoring by someone who may not change the account, and hides other accounts', async () => {
    const id = await account('Not yours')
    expect(
      (await org.outsider.put(`/api/v1/accounts/${id}/potential`, { scores: scores(1, 1, 1, 1) })).status,
    ).toBe(404)
    expect(
      (await org.finance.put(`/api/v1/accounts/${id}/potential`, { scores: scores(1, 1, 1, 1) })).status,
    ).toBe(403)
  })

  it('ranks accounts and flags A-class accounts without an owner or a plan', async () => {
    const orphan = (await org.admin.post('/api/v1/accounts', { name: 'Orphan A', ownerId: null })).body.id
    await org.admin.put(`/api/v1/accounts/${orphan}/potential`, { scores: scores(5, 5, 5, 5) })
    const planned = await account('Planned A')
    await org.sales.put(`/api/v1/accounts/${planned}/potential`, { scores: scores(5, 5, 4, 4) })
    await org.sales.post('/api/v1/tasks', { title: 'Plan the first visit', accountId: planned })
    const res = await org.admin.get('/api/v1/potential/ranking')
    expect(res.status).toBe(200)
    const rows = res.body.data
    const totals = rows.map((r: any) => r.total)
    expect(totals).toEqual([...totals].sort((a, b) => b - a))
    const o = rows.find((r: any) => r.accountId === orphan)
    expect(o).toMatchObject({ rank: 1, total: 5, class: 'A', owner: null, flags: ['no_owner', 'no_plan'] })
    const p = rows.find((r: any) => r.accountId === planned)
    expect(p).toMatchObject({ class: 'A', openTasks: 1, flags: [] })
    expect(p.owner).toMatchObject({ id: org.sales.userId, name: 'sales' })
    expect(res.body.counts.aWithoutOwner).toBe(1)
    const flagged = await org.admin.get('/api/v1/potential/ranking?flagged=true')
    expect(flagged.body.data.every((r: any) => r.flags.length > 0)).toBe(true)
    expect(flagged.body.data.map((r: any) => r.accountId)).toContain(orphan)
    const list = await org.admin.get('/api/v1/accounts?potentialClass=A&sort=-potentialTotal')
    expect(list.body.data[0].id).toBe(orphan)
  })
})

describe('qualification: ICP fit (R-01) and segments (R-03)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const icpBody = {
    name: 'Manufacturing large accounts',
    dimensions: [
      { field: 'industry', target: { kind: 'values', values: ['manufacturing'] }, weight: 40 },
      { field: 'employees', target: { kind: 'range', min: 2000 }, weight: 30 },
      { field: 'techMaturity', target: { kind: 'values', values: ['medium', 'high'] }, weight: 20 },
      { field: 'custom.erp', target: { kind: 'values', values: ['SAP'] }, weight: 10 },
    ],
  }
  const get = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}`)).body

  it('validates ICPs and lets only administrators change them', async () => {
    expect((await org.sales.post('/api/v1/icps', icpBody)).status).toBe(403)
    const bad = await org.admin.post('/api/v1/icps', {
      name: 'Bad',
      dimensions: [
        { field: 'employees', target: { kind: 'values', values: ['many'] }, weight: 10 },
        { field: 'nope', target: { kind: 'values', values: ['x'] }, weight: 10 },
      ],
    })
    expect(bad.status).toBe(400)
    const paths = bad.body.errors.map((e: any) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['dimensions.1.field']))
    const bad2 = await org.admin.post('/api/v1/icps', {
      name: 'Bad',
      dimensions: [{ field: 'employees', target: { kind: 'values', values: ['many'] }, weight: 10 }],
    })
    expect(bad2.status).toBe(400)
    expect(bad2.body.errors[0]).toMatchObject({ path: 'dimensions.0.target' })
  })

  /** The custom fields the ICPs below read (a custom value needs its field defined first). */
  const defineCustomFields = async () => {
    for (const f of [
      { key: 'erp', label: 'ERP', type: 'text' },
      { key: 'seats', label: 'Seats', type: 'number' },
    ]) {
      const res = await org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...f })
      expect([201, 409]).toContain(res.status)
    }
  }

  it('computes the fit of accounts, recomputes it when the account or the ICP changes, and sorts by it', async () => {
    await defineCustomFields()
    const icp = await org.admin.post('/api/v1/icps', icpBody)
    expect(icp.status).toBe(201)
    const a = (
      await org.sales.post('/api/v1/accounts', {
        name: 'Steelworks',
        industry: 'manufacturing',
        employees: 5000,
        techMaturity: 'low',
        custom: { erp: 'SAP' },
      })
    ).body
    const b = (
      await org.sales.post('/api/v1/accounts', { name: 'Small shop', industry: 'retail', employees: 40 })
    ).body
    // 40 + 30 + 10 of 100; the other has nothing but an unknown techMaturity and erp.
    await waitFor(async () => (await get(a.id)).icpFit === 80)
    await waitFor(async () => (await get(b.id)).icpFit === 0)
    const fits = (await org.sales.get(`/api/v1/accounts/${b.id}/icp-fits`)).body.data
    expect(fits[0]).toMatchObject({ icpId: icp.body.id, fit: 0, incomplete: true })
    expect(fits[0].dimensions.map((d: any) => d.result)).toEqual(['miss', 'miss', 'unknown', 'unknown'])
    const detail = (await org.sales.get(`/api/v1/accounts/${a.id}/icp-fits`)).body.data[0]
    expect(detail.dimensions.map((d: any) => d.result)).toEqual(['match', 'match', 'miss', 'match'])

    const fresh = await get(a.id)
    const patched = await org.sales.patch(`/api/v1/accounts/${a.id}`, {
      version: fresh.version,
      techMaturity: 'high',
    })
    expect(patched.body).toMatchObject({ techMaturity: 'high' })
    await waitFor(async () => (await get(a.id)).icpFit === 100)
    const list = await org.sales.get('/api/v1/accounts?icpFit[gte]=70&sort=-icpFit')
    expect(list.status).toBe(200)
    expect(list.body.data.map((r: any) => r.id)).toEqual([a.id])
    expect(list.body.data[0].icpId).toBe(icp.body.id)

    const changed = await org.admin.patch(`/api/v1/icps/${icp.body.id}`, {
      version: icp.body.version,
      dimensions: [{ field: 'industry', target: { kind: 'values', values: ['retail'] }, weight: 1 }],
    })
    expect(changed.status).toBe(200)
    await waitFor(async () => (await get(b.id)).icpFit === 100 && (await get(a.id)).icpFit === 0)

    await org.admin.del(`/api/v1/icps/${icp.body.id}`)
    await waitFor(async () => (await get(b.id)).icpFit === null)
    expect((await org.sales.get(`/api/v1/accounts/${b.id}/icp-fits`)).body.data).toEqual([])
  })

  it('takes a range on a number custom field, computes the fit by it and refuses one on a text field', async () => {
    await defineCustomFields()
    const seats = { field: 'custom.seats', valueType: 'number', weight: 60 }
    const erp = { field: 'custom.erp', valueType: 'text', weight: 40 }
    const icp = await org.admin.post('/api/v1/icps', {
      name: 'Seat count',
      dimensions: [
        { ...seats, target: { kind: 'range', min: 100, max: 500 } },
        { ...erp, target: { kind: 'values', values: ['SAP'] } },
      ],
    })
    expect(icp.status).toBe(201)
    expect(icp.body.dimensions[0]).toMatchObject({ valueType: 'number', target: { min: 100, max: 500 } })
    const a = (
      await org.sales.post('/api/v1/accounts', { name: 'Seats A', custom: { seats: 500, erp: 'SAP' } })
    ).body
    const b = (await org.sales.post('/api/v1/accounts', { name: 'Seats B', custom: { seats: '80' } })).body
    const fitOf = async (id: string) =>
      (await org.sales.get(`/api/v1/accounts/${id}/icp-fits`)).body.data.find(
        (f: any) => f.icpId === icp.body.id,
      )
    await waitFor(async () => (await fitOf(a.id))?.fit === 100)
    await waitFor(async () => (await fitOf(b.id))?.fit === 0)
    expect((await fitOf(b.id)).dimensions.map((d: any) => [d.result, d.value])).toEqual([
      // The number field stores "80" as the number it is.
      ['miss', 80],
      ['unknown', null],
    ])
    const patched = await org.sales.patch(`/api/v1/accounts/${b.id}`, {
      version: b.version,
      custom: { seats: 100 },
    })
    expect(patched.status).toBe(200)
    await waitFor(async () => (await fitOf(b.id))?.fit === 60)

    // A range on a field that does not hold numbers: 422 with its own code, on create and on update.
    for (const field of [{ ...erp }, { field: 'region', weight: 40 }]) {
      const bad = await org.admin.post('/api/v1/icps', {
        name: 'Range on text',
        dimensions: [{ ...field, target: { kind: 'range', min: 1 } }],
      })
      expect(bad.status).toBe(422)
      expect(bad.body.code).toBe('icp_range_not_number')
      expect(bad.body.errors).toEqual([{ path: 'dimensions.0.target', message: expect.any(String) }])
      expect(bad.body.detail).toContain(field.field)
    }
    const changed = await org.admin.patch(`/api/v1/icps/${icp.body.id}`, {
      version: icp.body.version,
      dimensions: [{ ...erp, target: { kind: 'range', max: 3 } }],
    })
    expect(changed.status).toBe(422)
    expect(changed.body.code).toBe('icp_range_not_number')
    // min above max, values for a number field: 400 naming the place.
    const upside = await org.admin.post('/api/v1/icps', {
      name: 'Upside down',
      dimensions: [{ ...seats, target: { kind: 'range', min: 500, max: 100 } }],
    })
    expect(upside.status).toBe(400)
    expect(upside.body.errors.map((e: any) => e.path)).toEqual(['dimensions.0.target.max'])
    const words = await org.admin.post('/api/v1/icps', {
      name: 'Words',
      dimensions: [{ ...seats, target: { kind: 'values', values: ['many'] } }],
    })
    expect(words.status).toBe(400)
    expect(words.body.errors.map((e: any) => e.path)).toEqual(['dimensions.0.target'])
    expect((await org.admin.get(`/api/v1/icps/${icp.body.id}`)).body.version).toBe(icp.body.version)
    await org.admin.del(`/api/v1/icps/${icp.body.id}`)
  })

  it('derives demand maturity from deals and contracts', async () => {
    const acc = (
      await org.sales.post('/api/v1/accounts', { name: 'Maturing', industry: 'saas', employees: 500 })
    ).body
    await waitFor(async () => (await get(acc.id)).segment === 'saas:growth:awareness')
    const opp = (await org.sales.post('/api/v1/opportunities', { accountId: acc.id, name: 'Pilot' })).body
    expect(opp.stage).toBe('discovery')
    await waitFor(async () => (await get(acc.id)).segment === 'saas:growth:evaluation')
    for (const key of [
      'assessment_report',
      'needs_interview_minutes',
      'proposal',
      'demo_deck',
      'roi_analysis',
    ]) {
      const r = await org.sales.post(`/api/v1/opportunities/${opp.id}/deliverables`, {
        key,
        title: key,
        url: 'https://example.com/doc',
      })
      expect(r.status).toBe(201)
    }
    const moved = await org.sales.post(`/api/v1/opportunities/${opp.id}/stage`, { stage: 'negotiation' })
    expect(moved.status).toBe(200)
    await waitFor(async () => (await get(acc.id)).segment === 'saas:growth:decision')
    expect((await get(acc.id)).demandMaturity).toBe('decision')
    const c = await org.sales.post('/api/v1/contracts', {
      accountId: acc.id,
      number: 'C-1',
      amount: '120000',
      status: 'active',
      startDate: '2025-01-01',
      endDate: '2099-12-31',
    })
    expect(c.status).toBe(201)
    await waitFor(async () => (await get(acc.id)).segment === 'saas:growth:retention')
    const seg = (await org.sales.get(`/api/v1/accounts/${acc.id}/segment`)).body
    expect(seg).toMatchObject({ industry: 'saas', size: 'growth', maturity: 'retention' })
    expect(seg.strategy).toBeTruthy()
  })
})

describe('qualification: segments set by hand (R-03)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('keeps a segment typed by hand and derives it again once cleared', async () => {
    const a = (
      await org.sales.post('/api/v1/accounts', {
        name: 'Pinned',
        industry: 'retail',
        employees: 50,
        segment: 'VIP',
      })
    ).body
    const other = (
      await org.sales.post('/api/v1/accounts', { name: 'Derived', industry: 'retail', employees: 50 })
    ).body
    await waitFor(async () => (await org.sales.get(`/api/v1/accounts/${other.id}`)).body.segment)
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.segment).toBe('VIP')
    const m = (await org.sales.get('/api/v1/segments/matrix')).body
    expect(m).toMatchObject({ total: 2, unsegmented: 1 })
    const fresh = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    await org.sales.patch(`/api/v1/accounts/${a.id}`, { version: fresh.version, segment: null })
    await waitFor(
      async () => (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.segment === 'retail:small:awareness',
    )
  })
})

describe('qualification: the segment matrix (R-03)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('counts accounts, ARR and health per cell as a hand count does, and follows the thresholds', async () => {
    const make = (name: string, industry: string, employees: number | null, spend: string) =>
      org.sales.post('/api/v1/accounts', {
        name,
        industry,
        employees,
        annualSpend: { amount: spend, currency: 'CNY' },
      })
    const made = [
      await make('L1', 'manufacturing', 3000, '1000000'),
      await make('L2', 'manufacturing', 2000, '500000.50'),
      await make('L3', 'finance', 9000, '250000'),
      await make('G1', 'manufacturing', 1999, '100000'),
      await make('S1', 'retail', 10, '0'),
      await make('U1', 'retail', null, '0'),
    ]
    const ids = made.map((m) => m.body.id)
    const segs = async () => {
      const list = await org.sales.get(`/api/v1/accounts?id=${ids.join(',')}&limit=50`)
      return list.body.data.map((r: any) => r.segment)
    }
    await waitFor(async () => (await segs()).every((s: string | null) => !!s))
    const m = (await org.sales.get('/api/v1/segments/matrix')).body
    const cell = (k: string) => m.cells.find((c: any) => c.key === k)
    expect(m.total).toBe(6)
    expect(cell('large:awareness')).toMatchObject({ count: 3, arr: '1750000.50' })
    expect(cell('large:awareness').segments).toEqual([
      'finance:large:awareness',
      'manufacturing:large:awareness',
    ])
    expect(cell('growth:awareness').count).toBe(1)
    expect(cell('small:awareness').count).toBe(1)
    expect(cell('unknown:awareness').count).toBe(1)
    expect(m.cells.reduce((a: number, c: any) => a + c.count, 0)).toBe(6)
    const manu = (await org.sales.get('/api/v1/segments/matrix?industry=manufacturing')).body
    expect(manu.cells.find((c: any) => c.key === 'large:awareness').count).toBe(2)
    // The drill-down: the accounts list filtered by the cell's segments holds exactly its accounts.
    const drill = await org.sales.get(
      `/api/v1/accounts?segment=${cell('large:awareness').segments.join(',')}`,
    )
    expect(drill.body.data.map((r: any) => r.name).sort()).toEqual(['L1', 'L2', 'L3'])

    const settings = (await org.sales.get('/api/v1/segments/settings')).body
    expect(settings.thresholds.large.employees).toBe(2000)
    const denied = await org.sales.put('/api/v1/segments/settings', { version: settings.version, cells: {} })
    expect(denied.status).toBe(403)
    const put = await org.admin.put('/api/v1/segments/settings', {
      version: settings.version,
      thresholds: { ...settings.thresholds, large: { ...settings.thresholds.large, employees: 2500 } },
      cells: { 'manufacturing:large:awareness': { strategy: 'Plant visits' }, 'small:awareness': null },
    })
    expect(put.status).toBe(200)
    expect(put.body.cells['small:awareness']).toBeUndefined()
    const stale = await org.admin.put('/api/v1/segments/settings', { version: settings.version, cells: {} })
    expect(stale.status).toBe(409)
    await waitFor(
      async () => (await segs()).filter((s: string) => s === 'manufacturing:growth:awareness').length === 2,
    )
    const after = (await org.sales.get('/api/v1/segments/matrix?industry=manufacturing')).body
    const la = after.cells.find((c: any) => c.key === 'large:awareness')
    expect(la).toMatchObject({ count: 1, strategy: 'Plant visits' })
  })
})
