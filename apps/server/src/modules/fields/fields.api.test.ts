import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { dbKind, makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

describe('custom fields', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const define = async (body: Record<string, unknown>) =>
    org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...body })
  const account = async (body: Record<string, unknown>) =>
    org.sales.post('/api/v1/accounts', { name: `A ${Math.random()}`, ...body })

  it('serves every object with its built-in fields, labels in the caller’s language', async () => {
    const res = await org.sales.get('/api/v1/objects')
    expect(res.status).toBe(200)
    const accounts = res.body.data.find((o: any) => o.key === 'accounts')
    expect(accounts).toMatchObject({
      label: 'Account',
      pluralLabel: 'Accounts',
      builtIn: true,
      titleField: 'name',
    })
    expect(accounts.fields.find((f: any) => f.key === 'industry')).toMatchObject({
      label: 'Industry',
      type: 'select',
      custom: false,
      filterable: true,
    })
    const zh = await org.sales.get('/api/v1/objects/accounts?lang=zh-CN')
    expect(zh.body.label).toBe('客户')
    expect(zh.body.fields.find((f: any) => f.key === 'industry').label).toBe('行业')
    expect((await org.sales.get('/api/v1/objects/nothing')).status).toBe(404)
  })

  it('refuses definitions from non-administrators and bad definitions, naming what is wrong', async () => {
    expect(
      (
        await org.sales.post('/api/v1/field-definitions', {
          object: 'accounts',
          key: 'x',
          label: 'X',
          type: 'text',
        })
      ).status,
    ).toBe(403)
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'Bad-Key', label: 'x', type: 'text' }, 'key'],
      [{ key: 'industry', label: 'x', type: 'text' }, 'key'],
      [{ key: 'pick', label: 'x', type: 'select' }, 'options'],
      [{ key: 'f1', label: 'x', type: 'formula', formula: 'annualSpend / ' }, 'formula'],
      [{ key: 'f2', label: 'x', type: 'formula', formula: 'nosuchfield * 2' }, 'formula'],
      [{ key: 'rel', label: 'x', type: 'relation', relation: { object: 'planets' } }, 'relation.object'],
      [{ key: 'n', label: 'x', type: 'number', min: 5, max: 1 }, 'max'],
      [{ key: 'lt', label: 'x', type: 'long_text', filterable: true }, 'filterable'],
    ]
    for (const [body, path] of cases) {
      const res = await define(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors.map((e: any) => e.path)).toContain(path)
    }
    const f = await define({ key: 'f3', label: 'x', type: 'formula', formula: 'annualSpend / ' })
    expect(f.body.errors[0].message).toMatch(/position 14/)
    expect((await org.admin.get('/api/v1/field-definitions?object=accounts')).body.data).toEqual([])
  })

  it.each([
    ['text', {}, 'hello', '  hello  ', 42],
    ['long_text', {}, 'x'.repeat(3000), 'x'.repeat(3000), ['x']],
    ['number', { min: 0, max: 100 }, 42.5, 42.5, 101],
    ['money', {}, { amount: '1200.50', currency: 'CNY' }, 1200.5, 'lots'],
    ['percent', {}, 15, 15, 'high'],
    ['date', {}, '2026-03-01', '2026-03-01', '01/03/2026'],
    ['datetime', {}, '2026-03-01T08:00:00.000Z', '2026-03-01T16:00:00+08:00', 'tomorrow'],
    ['boolean', {}, true, true, 'yes'],
    [
      'select',
      {
        options: [
          { value: 'sap', label: 'SAP' },
          { value: 'kingdee', label: 'Kingdee' },
        ],
      },
      'sap',
      'sap',
      'oracle',
    ],
    [
      'multi_select',
      {
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      },
      ['a', 'b'],
      ['a', 'b', 'a'],
      ['c'],
    ],
    ['url', {}, 'https://example.com/x', 'https://example.com/x', 'not a url'],
    ['email', {}, 'cfo@example.com', 'CFO@example.com', 'nobody'],
    ['phone', {}, '+86 10 1234 5678', '+86 10 1234 5678', 'call me'],
  ])('checks a %s value: valid, invalid, empty, required', async (type, extra, stored, sent, bad) => {
    const key = `t_${type}`
    const created = await define({ key, label: `T ${type}`, type, ...extra })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const ok = await account({ custom: { [key]: sent } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(type === 'money' ? ok.body.custom[key] : ok.body.custom[key]).toEqual(
      type === 'money' ? { amount: '1200.50', currency: 'CNY' } : type === 'text' ? 'hello' : stored,
    )
    const no = await account({ custom: { [key]: bad } })
    expect(no.status).toBe(400)
    expect(no.body.errors[0].path).toBe(`custom.${key}`)
    const cleared = await org.sales.patch(`/api/v1/accounts/${ok.body.id}`, {
      version: ok.body.version,
      custom: { [key]: null },
    })
    expect(cleared.status).toBe(200)
    expect(cleared.body.custom[key]).toBeUndefined()
    // Required: a new record without it is refused; nothing is written.
    const patched = await org.admin.patch(`/api/v1/field-definitions/${created.body.id}`, {
      version: created.body.version,
      required: true,
    })
    expect(patched.status).toBe(200)
    const before = (await org.sales.get('/api/v1/accounts?limit=500')).body.data.length
    const missing = await account({})
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual([{ path: `custom.${key}`, message: 'is required' }])
    expect((await org.sales.get('/api/v1/accounts?limit=500')).body.data.length).toBe(before)
    await org.admin.del(`/api/v1/field-definitions/${created.body.id}`)
  })

  it('refuses a key no field has, and a computed field’s value', async () => {
    const res = await account({ custom: { nosuch: 1 } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ path: 'custom.nosuch' })
  })

  it('filters and sorts by a custom field, using its index', async () => {
    const d = await define({
      key: 'erp',
      label: 'ERP in use',
      labels: { 'zh-CN': '在用 ERP' },
      type: 'select',
      filterable: true,
      options: [
        { value: 'sap', label: 'SAP', color: '#1677ff' },
        { value: 'kingdee', label: 'Kingdee', labels: { 'zh-CN': '金蝶' } },
        { value: 'yonyou', label: 'Yonyou' },
      ],
    })
    expect(d.status).toBe(201)
    expect(d.body.indexStatus).toBe('building')
    const seats = await define({
      key: 'seats',
      label: 'Seats',
      type: 'number',
      filterable: true,
      sortable: true,
    })
    expect(seats.status).toBe(201)
    const made = []
    for (const [erp, n] of [
      ['sap', 10],
      ['kingdee', 50],
      ['sap', 30],
      ['yonyou', 5],
    ] as const)
      made.push((await account({ custom: { erp, seats: n } })).body)
    const sap = await org.sales.get('/api/v1/accounts?custom.erp=sap&sort=-custom.seats')
    expect(sap.status).toBe(200)
    expect(sap.body.data.map((a: any) => a.custom.seats)).toEqual([30, 10])
    const oneOf = await org.sales.get('/api/v1/accounts?custom.erp=kingdee,yonyou&sort=custom.seats')
    expect(oneOf.body.data.map((a: any) => a.custom.seats)).toEqual([5, 50])
    const range = await org.sales.get(
      '/api/v1/accounts?custom.seats[gte]=10&custom.seats[lte]=30&sort=custom.seats&limit=1',
    )
    expect(range.body.data.map((a: any) => a.custom.seats)).toEqual([10])
    const next = await org.sales.get(
      `/api/v1/accounts?custom.seats[gte]=10&custom.seats[lte]=30&sort=custom.seats&limit=1&cursor=${range.body.nextCursor}`,
    )
    expect(next.body.data.map((a: any) => a.custom.seats)).toEqual([30])
    const bad = await org.sales.get('/api/v1/accounts?custom.erp=oracle')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('custom.erp')
    expect((await org.sales.get('/api/v1/accounts?custom.nope=1')).status).toBe(400)
    const zh = await org.sales.get('/api/v1/objects/accounts?lang=zh-CN')
    const erp = zh.body.fields.find((f: any) => f.key === 'erp')
    expect(erp).toMatchObject({ label: '在用 ERP', custom: true, type: 'select', filterable: true })
    expect(erp.options[1]).toEqual({ value: 'kingdee', label: '金蝶' })
    // The index is built in the background; then the planner uses it for the filter.
    await waitFor(
      async () =>
        (await org.admin.get(`/api/v1/field-definitions/${d.body.id}`)).body.indexStatus === 'ready',
    )
    const db = env.rt.database.db
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      // The list's own statement shape: workspace and value as parameters, the key inlined.
      const r: any = await tx.execute(
        sql`explain select id from accounts where workspace_id = ${org.wsId} and deleted_at is null and (accounts.custom ->> 'erp') = ${'sap'}`,
      )
      return (r.rows ?? r).map((x: any) => x['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/cf_[0-9a-f]{24}/)
  })

  it('computes formulas on write and after the formula changes', async () => {
    const f = await define({
      key: 'spendPerEmployee',
      label: 'Spend per employee',
      type: 'formula',
      formula: 'ROUND(annualSpend / employees, 2)',
      filterable: true,
    })
    expect(f.status, JSON.stringify(f.body)).toBe(201)
    const created = await account({ annualSpend: { amount: '1000000', currency: 'CNY' }, employees: 300 })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const a = created.body
    expect(a.custom.spendPerEmployee).toBe(3333.33)
    // Event handlers (tiers, qualification) may write the new account meanwhile: patch the version current.
    const patchCurrent = async (body: Record<string, unknown>) => {
      for (let i = 0; ; i++) {
        const version = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.version
        const res = await org.sales.patch(`/api/v1/accounts/${a.id}`, { version, ...body })
        if (res.status !== 409 || i === 4) return res
      }
    }
    const b = await patchCurrent({ employees: 0 })
    expect(b.status, JSON.stringify(b.body)).toBe(200)
    expect(b.body.custom.spendPerEmployee).toBeUndefined()
    const c = await patchCurrent({ employees: 100 })
    expect(c.status, JSON.stringify(c.body)).toBe(200)
    expect(c.body.custom.spendPerEmployee).toBe(10000)
    expect((await account({ custom: { spendPerEmployee: 5 } })).status).toBe(400)
    const changed = await org.admin.patch(`/api/v1/field-definitions/${f.body.id}`, {
      version: f.body.version,
      formula: 'IF(employees > 50, "big", "small")',
      resultType: 'text',
    })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    await waitFor(
      async () => (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom.spendPerEmployee === 'big',
    )
    const filtered = await org.sales.get('/api/v1/accounts?custom.spendPerEmployee=big')
    expect(filtered.body.data.map((x: any) => x.id)).toContain(a.id)
  })

  it('converts values on a type change, or refuses with the count that would not convert', async () => {
    const d = (await define({ key: 'code', label: 'Code', type: 'text' })).body
    const a = (await account({ custom: { code: '42' } })).body
    const b = (await account({ custom: { code: 'abc' } })).body
    const refused = await org.admin.patch(`/api/v1/field-definitions/${d.id}`, {
      version: d.version,
      type: 'number',
    })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ code: 'unconvertible_values', count: 1 })
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom.code).toBe('42')
    const fixed = await org.sales.patch(`/api/v1/accounts/${b.id}`, {
      version: b.version,
      custom: { code: '7' },
    })
    expect(fixed.status).toBe(200)
    const ok = await org.admin.patch(`/api/v1/field-definitions/${d.id}`, {
      version: d.version,
      type: 'number',
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom.code).toBe(42)
  })

  it('deletes a field keeping its values, restores it, and audits each change', async () => {
    const d = (await define({ key: 'legacyId', label: 'Legacy id', type: 'text', unique: true })).body
    const a = (await account({ custom: { legacyId: 'L-1' } })).body
    const dup = await account({ custom: { legacyId: 'L-1' } })
    expect(dup.status).toBe(400)
    expect(dup.body.errors[0].path).toBe('custom.legacyId')
    expect((await org.admin.del(`/api/v1/field-definitions/${d.id}`)).status).toBe(200)
    const objects = (await org.sales.get('/api/v1/objects/accounts')).body
    expect(objects.fields.some((f: any) => f.key === 'legacyId')).toBe(false)
    expect(
      (await org.admin.get('/api/v1/field-definitions?object=accounts&deleted=only')).body.data.map(
        (x: any) => x.key,
      ),
    ).toContain('legacyId')
    const taken = await define({ key: 'legacyId', label: 'Again', type: 'text' })
    expect(taken.status).toBe(409)
    expect((await org.admin.post(`/api/v1/field-definitions/${d.id}/restore`)).status).toBe(200)
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom.legacyId).toBe('L-1')
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=field_definition&entityId=${d.id}`)).body
      .data
    expect(audit.map((e: any) => e.action).sort()).toEqual(['create', 'delete', 'restore'])
    // After 30 days a deleted field's values leave the records for good.
    expect((await org.admin.del(`/api/v1/field-definitions/${d.id}`)).status).toBe(200)
    await env.rt.database.db.execute(
      sql`update field_definitions set deleted_at = now() - interval '31 days' where id = ${d.id}`,
    )
    expect((await org.admin.post(`/api/v1/field-definitions/${d.id}/restore`)).body.code).toBe(
      'restore_expired',
    )
    const run = await org.admin.post('/api/v1/jobs/run', { job: 'custom_field_purge' })
    expect(run.status, JSON.stringify(run.body)).toBe(200)
    expect(run.body.result.purged).toEqual(['accounts.legacyId'])
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom).not.toHaveProperty('legacyId')
    expect((await org.admin.get(`/api/v1/field-definitions/${d.id}`)).status).toBe(404)
    expect((await define({ key: 'legacyId', label: 'Again', type: 'number' })).status).toBe(201)
  })

  it('sees a definition made by another API process within seconds', async () => {
    const second = await startTestApp({
      role: 'api',
      env: dbKind === 'postgres' ? { DATABASE_URL: env.config.databaseUrl! } : {},
    })
    try {
      if (dbKind !== 'postgres') return // one embedded database per process: nothing to share
      await org.sales.get('/api/v1/accounts?limit=1') // warms this process's cache
      await define({ key: 'region2', label: 'Region 2', type: 'text', filterable: true })
      const { loginAs } = await import('../../../test/harness')
      const sales = await loginAs(second.app, `sales@${org.slug}.test`)
      const res = await waitFor(async () => {
        const r = await sales.get('/api/v1/accounts?custom.region2=x')
        return r.status === 200 && r
      }, 10_000)
      expect(res.status).toBe(200)
    } finally {
      await second.close()
    }
  })
})

describe('roll-up fields', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('counts and sums related records with a filter, kept current as they change', async () => {
    const bad = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'broken',
      label: 'Broken',
      type: 'rollup',
      rollup: { object: 'tickets', via: 'nothing', fn: 'sum' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['rollup.via', 'rollup.field'])
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Rolled up' })).body
    const ticket = async (status: string, satisfaction: number) =>
      (
        await org.sales.post('/api/v1/tickets', {
          accountId: a.id,
          subject: `T ${status}`,
          status,
          satisfaction,
        })
      ).body
    const t1 = await ticket('open', 2)
    await ticket('new', 4)
    await ticket('closed', 5)
    const open = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'openTickets',
      label: 'Open tickets',
      labels: { 'zh-CN': '未结工单' },
      type: 'rollup',
      filterable: true,
      rollup: { object: 'tickets', via: 'accountId', fn: 'count', filter: { status: 'new,open,pending' } },
    })
    expect(open.status, JSON.stringify(open.body)).toBe(201)
    const best = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'bestSatisfaction',
      label: 'Best satisfaction',
      type: 'rollup',
      rollup: { object: 'tickets', via: 'accountId', fn: 'max', field: 'satisfaction' },
    })
    expect(best.status, JSON.stringify(best.body)).toBe(201)
    const custom = async () => (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.custom
    await waitFor(async () => (await custom()).openTickets === 2 && (await custom()).bestSatisfaction === 5)
    // A formula reading a roll-up follows it, recomputed with the roll-up in the same transaction.
    const load = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'ticketLoad',
      label: 'Ticket load',
      type: 'formula',
      formula: 'openTickets * 2',
    })
    expect(load.status, JSON.stringify(load.body)).toBe(201)
    await waitFor(async () => (await custom()).ticketLoad === 4)
    await org.sales.patch(`/api/v1/tickets/${t1.id}`, { version: t1.version, status: 'resolved' })
    await waitFor(async () => (await custom()).openTickets === 1)
    expect((await custom()).ticketLoad).toBe(2)
    await ticket('pending', 1)
    await waitFor(async () => (await custom()).openTickets === 2)
    expect((await custom()).ticketLoad).toBe(4)
    const list = await org.sales.get('/api/v1/accounts?custom.openTickets[gte]=2')
    expect(list.body.data.map((x: any) => x.id)).toEqual([a.id])
    expect(
      (
        await org.sales.patch(`/api/v1/accounts/${a.id}`, {
          version: (await org.sales.get(`/api/v1/accounts/${a.id}`)).body.version,
          custom: { openTickets: 9 },
        })
      ).status,
    ).toBe(400)
  })
})

describe('search over custom fields', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('finds records by a filterable custom text field with q, and not by one that is not filterable', async () => {
    await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'contractNo',
      label: 'Contract no.',
      type: 'text',
      filterable: true,
    })
    await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'memo',
      label: 'Memo',
      type: 'text',
    })
    const a = (
      await org.sales.post('/api/v1/accounts', {
        name: 'Searched',
        custom: { contractNo: 'HT-2026-0077', memo: 'zebra' },
      })
    ).body
    await org.sales.post('/api/v1/accounts', { name: 'Other', custom: { contractNo: 'HT-2025-0001' } })
    expect((await org.sales.get('/api/v1/accounts?q=2026-00')).body.data.map((x: any) => x.id)).toEqual([
      a.id,
    ])
    expect((await org.sales.get('/api/v1/accounts?q=zebra')).body.data).toEqual([])
  })
})
