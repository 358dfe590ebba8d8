import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../../test/harness'

/**
 * The report engine against numbers computed by hand. Each test works in its own segment (`seg`), so
 * the accounts other tests make never count.
 */
describe('report engine', () => {
  let env: TestEnv
  let org: Org
  const seg = 'rpt-fixture'
  const ids: Record<string, string> = {}

  const money = (amount: number) => ({ amount: String(amount), currency: 'CNY' })
  async function account(
    by: Caller,
    name: string,
    scope: string,
    spend: number | null,
    extra: Record<string, unknown> = {},
  ) {
    const res = await by.post('/api/v1/accounts', {
      name,
      marketScope: scope,
      segment: seg,
      ...(spend === null ? {} : { annualSpend: money(spend) }),
      ...extra,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    ids[name] = res.body.id
    return res.body
  }
  const run = (by: Caller, body: Record<string, unknown>) =>
    by.post('/api/v1/reports/run', {
      object: 'accounts',
      ...body,
      filters: [{ field: 'segment', op: 'eq', value: seg }, ...((body.filters as unknown[]) ?? [])],
    })
  /** The rows as {group value: measures}. */
  const byGroup = (body: any) =>
    Object.fromEntries(body.rows.map((r: unknown[]) => [String(r[0]), r.slice(1)]))

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    // sales: strategic 1000, key 500, strategic with no spend; sales2 (same team): key 200;
    // outsider (no team): strategic 10000.
    await account(org.sales, 'Alpha Energy', 'national', 1000, { region: 'east' })
    await account(org.sales, 'Beta Power', 'local', 500, { region: 'west' })
    await account(org.sales, 'Gamma Grid', 'national', null)
    await account(org.sales2, 'Delta Solar', 'local', 200, { region: 'east' })
    await account(org.outsider, 'Omega Oil', 'national', 10000)
  }, 60_000)
  afterAll(async () => env?.close())

  it('sums, counts and averages by market scope over exactly the rows each person may see', async () => {
    const body = {
      groupBy: [{ field: 'marketScope' }],
      measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualSpend' }, { fn: 'avg', field: 'annualSpend' }],
      sort: 'marketScope',
    }
    const own = await run(org.sales, body)
    expect(own.status, JSON.stringify(own.body)).toBe(200)
    expect(own.body.columns.map((c: any) => [c.key, c.role, c.type])).toEqual([
      ['marketScope', 'group', 'string'],
      ['count', 'measure', 'number'],
      ['sum_annualSpend', 'measure', 'money'],
      ['avg_annualSpend', 'measure', 'money'],
    ])
    // A null spend counts as a row, not in the sum or the average.
    expect(byGroup(own.body)).toEqual({ local: [1, 500, 500], national: [2, 1000, 1000] })
    expect(own.body.labels.marketScope).toMatchObject({
      local: expect.any(String),
      national: expect.any(String),
    })
    expect(own.body.truncated).toBe(false)

    const team = await run(org.manager, body)
    expect(byGroup(team.body)).toEqual({ local: [2, 700, 350], national: [2, 1000, 1000] })
    const all = await run(org.admin, body)
    expect(byGroup(all.body)).toEqual({ local: [2, 700, 350], national: [3, 11000, 5500] })
  })

  it('computes min, max, count distinct and a ratio of two measures', async () => {
    const res = await run(org.admin, {
      measures: [
        { fn: 'min', field: 'annualSpend' },
        { fn: 'max', field: 'annualSpend' },
        { fn: 'count_distinct', field: 'marketScope' },
        {
          fn: 'ratio',
          key: 'nationalShare',
          numerator: { fn: 'count', filters: [{ field: 'marketScope', op: 'eq', value: 'national' }] },
          denominator: { fn: 'count' },
        },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.rows).toEqual([[200, 10000, 2, 0.6]])
    expect(res.body.columns.at(-1)).toMatchObject({ key: 'nationalShare', type: 'ratio' })
  })

  it.each([
    [{ field: 'marketScope', op: 'neq', value: 'national' }, 2],
    [{ field: 'marketScope', op: 'in', value: ['local', 'national'] }, 5],
    [{ field: 'annualSpend', op: 'gt', value: 500 }, 2],
    [{ field: 'annualSpend', op: 'gte', value: 500 }, 3],
    [{ field: 'annualSpend', op: 'lt', value: 500 }, 1],
    [{ field: 'annualSpend', op: 'lte', value: 500 }, 2],
    [{ field: 'annualSpend', op: 'between', value: [200, 1000] }, 3],
    [{ field: 'name', op: 'contains', value: 'ER' }, 2],
    [{ field: 'annualSpend', op: 'empty' }, 1],
    [{ field: 'annualSpend', op: 'not_empty' }, 4],
    [{ field: 'region', op: 'eq', value: 'east' }, 2],
    [{ field: 'createdAt', op: 'eq', value: 'this_year' }, 5],
    [{ field: 'createdAt', op: 'eq', value: 'last_year' }, 0],
    [{ field: 'createdAt', op: 'gte', value: 'last_7_days' }, 5],
    [{ field: 'createdAt', op: 'gt', value: 'today' }, 0],
    [{ field: 'createdAt', op: 'between', value: ['2000-01-01', '2999-12-31'] }, 5],
  ])('filters with %j: %d accounts', async (filter, count) => {
    const res = await run(org.admin, { filters: [filter], measures: [{ fn: 'count' }] })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.rows).toEqual([[count]])
  })

  it('groups dates by bucket and compares with the previous period', async () => {
    const res = await run(org.admin, {
      groupBy: [{ field: 'createdAt', bucket: 'month' }],
      filters: [{ field: 'createdAt', op: 'eq', value: 'this_month' }],
      measures: [{ fn: 'count' }],
      compare: 'previous_period',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const first = new Date().toISOString().slice(0, 8) + '01'
    expect(res.body.rows).toEqual([[first, 5]])
    expect(res.body.labels['createdAt:month']).toEqual({ [first]: first.slice(0, 7) })
    // Nothing was created last month: the comparison row is there, empty.
    expect(res.body.previous).toEqual([[first, null]])
  })

  it('groups through a relation by the related record’s field and names related records', async () => {
    const opp = async (accountName: string, amount: number) => {
      const res = await org.sales.post('/api/v1/opportunities', {
        accountId: ids[accountName],
        name: `Deal ${accountName} ${amount}`,
        amount: String(amount),
        currency: 'CNY',
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body.id as string
    }
    const o1 = await opp('Alpha Energy', 100)
    await opp('Beta Power', 50)
    const o3 = await opp('Gamma Grid', 25)
    const q = {
      object: 'opportunities',
      filters: [{ field: 'accountId.segment', op: 'eq', value: seg }],
      groupBy: [{ field: 'accountId.marketScope' }],
      measures: [{ fn: 'sum', field: 'amount' }],
    }
    const res = await org.sales.post('/api/v1/reports/run', q)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(byGroup(res.body)).toEqual({ national: [125], local: [50] })
    const byAccount = await org.sales.post('/api/v1/reports/run', { ...q, groupBy: [{ field: 'accountId' }] })
    expect(Object.values(byAccount.body.labels.accountId).sort()).toEqual([
      'Alpha Energy',
      'Beta Power',
      'Gamma Grid',
    ])

    // Drill-down: exactly the opportunities counted in the strategic bar.
    const drill = await org.sales.post('/api/v1/reports/drill', {
      ...q,
      group: { 'accountId.marketScope': 'national' },
    })
    expect(drill.status, JSON.stringify(drill.body)).toBe(200)
    expect(drill.body.data.map((o: any) => o.id).sort()).toEqual([o1, o3].sort())
  })

  it('drills into a group and into a measure’s own filters, page by page', async () => {
    const q = {
      object: 'accounts',
      filters: [{ field: 'segment', op: 'eq', value: seg }],
      groupBy: [{ field: 'marketScope' }],
      measures: [{ fn: 'count' }, { fn: 'count', filters: [{ field: 'region', op: 'eq', value: 'east' }] }],
    }
    const all = await org.admin.post('/api/v1/reports/drill', {
      ...q,
      group: { marketScope: 'national' },
      limit: 2,
    })
    expect(all.status, JSON.stringify(all.body)).toBe(200)
    expect(all.body.data).toHaveLength(2)
    const next = await org.admin.post('/api/v1/reports/drill', {
      ...q,
      group: { marketScope: 'national' },
      limit: 2,
      cursor: all.body.nextCursor,
    })
    expect([...all.body.data, ...next.body.data].map((a: any) => a.name).sort()).toEqual([
      'Alpha Energy',
      'Gamma Grid',
      'Omega Oil',
    ])
    const east = await org.admin.post('/api/v1/reports/drill', {
      ...q,
      group: { marketScope: 'national' },
      measure: 1,
    })
    expect(east.body.data.map((a: any) => a.name)).toEqual(['Alpha Energy'])
    // The salesperson's drill never reaches the outsider's account.
    const own = await org.sales.post('/api/v1/reports/drill', { ...q, group: { marketScope: 'national' } })
    expect(own.body.data.map((a: any) => a.name).sort()).toEqual(['Alpha Energy', 'Gamma Grid'])
    const bad = await org.admin.post('/api/v1/reports/drill', { ...q, group: { region: 'east' } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['group.marketScope', 'group.region']),
    )
  })

  it('reports on custom fields and refuses a field hidden from the caller, naming it', async () => {
    const def = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'seats',
      label: 'Seats',
      type: 'number',
    })
    expect(def.status, JSON.stringify(def.body)).toBe(201)
    // Background work (health, tiers) may change a new account in between: read and write again on 409.
    const setSeats = async (name: string, seats: number) => {
      for (let i = 0; i < 5; i++) {
        const a = (await org.admin.get(`/api/v1/accounts/${ids[name]}`)).body
        const res = await org.admin.patch(`/api/v1/accounts/${ids[name]}`, {
          version: a.version,
          custom: { seats },
        })
        if (res.status !== 409) return expect(res.status, JSON.stringify(res.body)).toBe(200)
      }
      throw new Error('the account kept changing')
    }
    await setSeats('Alpha Energy', 40)
    await setSeats('Omega Oil', 2)
    const seats = await run(org.admin, { measures: [{ fn: 'sum', field: 'custom.seats' }] })
    expect(seats.body.rows).toEqual([[42]])
    const own = await run(org.sales, { measures: [{ fn: 'sum', field: 'custom.seats' }] })
    expect(own.body.rows).toEqual([[40]])

    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { annualSpend: 'hidden', 'custom.seats': 'hidden' },
    })
    expect(put.status).toBe(200)
    try {
      const hidden = await run(org.sales, {
        groupBy: [{ field: 'marketScope' }],
        measures: [
          { fn: 'sum', field: 'annualSpend' },
          { fn: 'max', field: 'custom.seats' },
        ],
      })
      expect(hidden.status).toBe(400)
      expect(hidden.body.errors).toEqual([
        { path: 'measures.0.field', message: expect.stringContaining('annualSpend') },
        { path: 'measures.1.field', message: expect.stringContaining('custom.seats') },
      ])
      // Filtering by it is refused as well; the admin still sees it.
      const filtered = await run(org.sales, {
        filters: [{ field: 'annualSpend', op: 'gt', value: 0 }],
        measures: [{ fn: 'count' }],
      })
      expect(filtered.status).toBe(400)
      expect((await run(org.admin, { measures: [{ fn: 'sum', field: 'annualSpend' }] })).body.rows).toEqual([
        [11700],
      ])
      const fields = await org.sales.get('/api/v1/reports/fields?object=accounts')
      expect(fields.body.fields.map((f: any) => f.path)).not.toContain('annualSpend')
    } finally {
      await org.admin.put('/api/v1/roles/sales/field-access', { object: 'accounts', fields: {} })
    }
  })

  it('treats SQL-looking input as a value or refuses it, never runs it', async () => {
    const injected = "x' or '1'='1'; drop table accounts; --"
    const asValue = await run(org.admin, {
      filters: [{ field: 'name', op: 'eq', value: injected }],
      measures: [{ fn: 'count' }],
    })
    expect(asValue.status).toBe(200)
    expect(asValue.body.rows).toEqual([[0]])
    const contains = await run(org.admin, {
      filters: [{ field: 'name', op: 'contains', value: "%' --" }],
      measures: [{ fn: 'count' }],
    })
    expect(contains.body.rows).toEqual([[0]])
    const refused: [Record<string, unknown>, string][] = [
      [{ filters: [{ field: 'name; drop table accounts', op: 'eq', value: 1 }] }, 'filters.1.field'],
      [{ groupBy: [{ field: 'tier) from users --' }] }, 'groupBy.0.field'],
      [{ measures: [{ fn: 'sum(1); drop' }] }, 'measures.0'],
      [{ sort: '1; drop table accounts', groupBy: [{ field: 'marketScope' }] }, 'sort'],
      [{ object: 'accounts; drop table accounts' }, 'object'],
      [{ groupBy: [{ field: 'marketScope', bucket: "month'); drop" }] }, 'groupBy.0.bucket'],
    ]
    for (const [body, path] of refused) {
      const res = await run(org.admin, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(res.body.errors)).toContain(path)
    }
    // The table is still there.
    expect((await run(org.admin, { measures: [{ fn: 'count' }] })).body.rows).toEqual([[5]])
  })

  it('refuses what does not fit with specific messages', async () => {
    const res = await run(org.admin, {
      groupBy: [{ field: 'marketScope', bucket: 'month' }, { field: 'nope' }],
      measures: [{ fn: 'sum', field: 'marketScope' }, { fn: 'avg' }],
      filters: [
        { field: 'marketScope', op: 'gt', value: 'local' },
        { field: 'annualSpend', op: 'eq', value: 'lots' },
        { field: 'createdAt', op: 'eq', value: 'someday' },
        { field: 'marketScope', op: 'eq', value: 'platinum' },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(
      [
        'filters.1.value',
        'filters.2.value',
        'filters.3.value',
        'filters.4.value',
        'groupBy.0.bucket',
        'groupBy.1.field',
        'measures.0.field',
        'measures.1.field',
      ].sort(),
    )
    expect(
      (await org.admin.post('/api/v1/reports/run', { object: 'nothing_here', measures: [{ fn: 'count' }] }))
        .status,
    ).toBe(404)
  })

  it('saves reports, runs them under a dashboard’s filters and shares them with a team', async () => {
    const bad = await org.sales.post('/api/v1/reports', {
      name: 'Broken',
      object: 'accounts',
      groupBy: [{ field: 'nope' }],
      measures: [{ fn: 'count' }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('groupBy.0.field')

    const created = await org.sales.post('/api/v1/reports', {
      name: 'ARR by market scope',
      object: 'accounts',
      filters: [{ field: 'segment', op: 'eq', value: seg }],
      groupBy: [{ field: 'marketScope' }],
      measures: [{ fn: 'sum', field: 'annualSpend' }],
      chart: { type: 'bar' },
      dateField: 'createdAt',
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.id
    const data = await org.sales.get(`/api/v1/reports/${id}/data`)
    expect(byGroup(data.body)).toEqual({ national: [1000], local: [500] })

    // The manager may not read the salesperson's report until it is shared with the team.
    expect((await org.sales2.get(`/api/v1/reports/${id}`)).status).toBe(404)
    const team = (await org.admin.get('/api/v1/teams')).body.data.find((t: any) => t.name === 'Team East')
    const shared = await org.sales.patch(`/api/v1/reports/${id}`, {
      version: created.body.version,
      sharedWith: { roles: [], teams: [team.id] },
    })
    expect(shared.status, JSON.stringify(shared.body)).toBe(200)
    // sales2 reads it — over their own rows — and cannot change it; the outsider still cannot see it.
    const theirs = await org.sales2.get(`/api/v1/reports/${id}/data`)
    expect(byGroup(theirs.body)).toEqual({ local: [200] })
    expect(
      (await org.sales2.patch(`/api/v1/reports/${id}`, { version: shared.body.version, name: 'Mine' }))
        .status,
    ).toBe(403)
    expect((await org.outsider.get(`/api/v1/reports/${id}`)).status).toBe(404)
    expect((await org.sales2.get('/api/v1/reports')).body.data.map((r: any) => r.id)).toContain(id)

    // A dashboard's owner filter narrows the report.
    const admin = await org.admin.get(`/api/v1/reports/${id}/data?ownerId=${org.sales2.userId}`)
    expect(byGroup(admin.body)).toEqual({ local: [200] })
    const exec = await org.manager.get(`/api/v1/reports/${id}/data?ownerId=${org.sales2.userId}`)
    expect(byGroup(exec.body)).toEqual({ local: [200] })
    const period = await org.manager.get(`/api/v1/reports/${id}/data?period=last_year`)
    expect(period.body.rows).toEqual([])
  })

  it('exports a report’s table as CSV and Excel, groups by their labels', async () => {
    const q = {
      object: 'accounts',
      filters: [{ field: 'segment', op: 'eq', value: seg }],
      groupBy: [{ field: 'marketScope' }],
      measures: [{ fn: 'sum', field: 'annualSpend' }],
    }
    const result = (await org.admin.post('/api/v1/reports/run', q)).body
    const label = result.labels.marketScope.national as string
    const csv = await org.admin.post('/api/v1/reports/export?format=csv', q)
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(lines[0]).toBe(result.columns.map((c: any) => c.label).join(','))
    expect(lines).toContain(`${label},11000`)
    const xlsx = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports/export?format=xlsx',
      headers: { authorization: `Bearer ${org.admin.token}` },
      payload: q,
    })
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as never)
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1))
    expect(rows).toContainEqual([label, 11000])
    expect((await org.admin.post('/api/v1/reports/export?format=pdf', q)).status).toBe(400)
    // A dashboard widget's export carries the dashboard's filters.
    const narrowed = await org.admin.post(`/api/v1/reports/export?format=csv&ownerId=${org.sales2.userId}`, q)
    const local = result.labels.marketScope.local as string
    expect(
      String(narrowed.body)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .slice(1),
    ).toEqual([`${local},200`])
  })

  it('names account segments in words', async () => {
    const a = await org.admin.post('/api/v1/accounts', {
      name: 'Segment Co',
      segment: 'finance:small:retention',
    })
    expect(a.status).toBe(201)
    const res = await org.admin.post('/api/v1/reports/run', {
      object: 'accounts',
      filters: [{ field: 'name', op: 'eq', value: 'Segment Co' }],
      groupBy: [{ field: 'segment' }],
      measures: [{ fn: 'count' }],
    })
    const key = res.body.rows[0][0] as string
    expect(key.split(':')).toHaveLength(3)
    expect(res.body.labels.segment[key]).toMatch(/ · /)
  })
})
