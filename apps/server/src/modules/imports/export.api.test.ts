import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org
const run = Math.random().toString(36).slice(2, 7)

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  const made = [
    { name: `Export =A ${run}`, industry: 'retail', annualSpend: { amount: '1200000.00', currency: 'CNY' } },
    { name: `Export B ${run}`, industry: 'finance', painPoints: ['cost', 'speed'], tier: 'growth' },
    { name: `出口客户 ${run}`, industry: 'retail', annualRevenue: { amount: '5', currency: 'USD' } },
    { name: `Export other ${run}`, industry: 'saas' },
    { name: `=1+2 cmd ${run}`, industry: 'saas' },
  ]
  for (const body of made) expect((await org.admin.post('/api/v1/accounts', body)).status).toBe(201)
  const mine = await org.sales.post('/api/v1/accounts', { name: `Export sales ${run}`, industry: 'retail' })
  expect(mine.status).toBe(201)
})
afterAll(() => env?.close())

const download = (who: Caller, url: string) =>
  env.app.inject({ url, headers: { authorization: `Bearer ${who.token}` } })

describe('GET /api/v1/<collection>/export', () => {
  const filter = `industry=retail,finance&sort=name&q=${run}`
  const listed = async (who: Caller) =>
    (await who.get(`/api/v1/accounts?${filter}&limit=500`)).body.data as any[]
  const money = (m: { amount: string } | null) => m?.amount ?? ''

  it('exports a filtered, sorted account list as CSV (UTF-8 with BOM) equal to the list', async () => {
    const res = await download(org.admin, `/api/v1/accounts/export?format=csv&${filter}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="accounts-.*\.csv"$/)
    expect(res.body.charCodeAt(0)).toBe(0xfeff)
    const parsed = Papa.parse<Record<string, string>>(res.body.slice(1), {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.meta.fields).toEqual(
      expect.arrayContaining(['id', 'name', 'annualSpend.amount', 'annualSpend.currency']),
    )
    const list = await listed(org.admin)
    expect(list).toHaveLength(4)
    const cells = (r: Record<string, string>) => [
      r.id,
      r.name,
      r.industry,
      r['annualSpend.amount'],
      r['annualRevenue.currency'],
      r.painPoints,
      r.ownerId,
    ]
    expect(parsed.data.map(cells)).toEqual(
      list.map((a) => [
        a.id,
        a.name,
        a.industry,
        money(a.annualSpend),
        a.annualRevenue?.currency ?? '',
        (a.painPoints ?? []).join('; '),
        a.ownerId,
      ]),
    )
    expect(parsed.data.map((r) => r.name)).toContain(`出口客户 ${run}`)
  })

  it('exports the same list as .xlsx, and only what the person may read', async () => {
    const res = await download(org.admin, `/api/v1/accounts/export?format=xlsx&${filter}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as never)
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1))
    const header = rows[0] as string[]
    const at = (k: string) => header.indexOf(k)
    expect(rows.slice(1).map((r) => [r[at('id')], r[at('name')], r[at('annualSpend.amount')] ?? ''])).toEqual(
      (await listed(org.admin)).map((a) => [a.id, a.name, money(a.annualSpend)]),
    )
    const sales = await download(org.sales, `/api/v1/accounts/export?${filter}`)
    const salesRows = Papa.parse<Record<string, string>>(sales.body.slice(1), {
      header: true,
      skipEmptyLines: true,
    })
    expect(salesRows.data.map((r) => r.id)).toEqual((await listed(org.sales)).map((a) => a.id))
  })

  it('pages through long lists, and an exported file imports back into another workspace', async () => {
    const lines = ['name,industry,employees']
    for (let i = 0; i < 1_234; i++) lines.push(`Page ${run} ${String(i).padStart(4, '0')},energy,${i}`)
    const made = await org.admin.post('/api/v1/imports', { object: 'accounts', content: lines.join('\n') })
    expect(made.body).toMatchObject({ created: 1_234 })
    const res = await download(
      org.admin,
      `/api/v1/accounts/export?industry=energy&sort=-name&q=Page%20${run}`,
    )
    const rows = Papa.parse<Record<string, string>>(res.body.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data
    expect(rows.map((r) => r.employees)).toEqual([...Array(1_234)].map((_, i) => String(1_233 - i)))

    const csv = (await download(org.admin, `/api/v1/accounts/export?${filter}`)).body
    const back = await other.admin.post('/api/v1/imports', {
      object: 'accounts',
      content: csv,
      mapping: { ownerId: null },
    })
    expect(back.body).toMatchObject({ status: 'done', created: 4, failed: 0 })
    // Left out: ids and stamps, and the fields each workspace derives from its own configuration after
    // every write (tier rules, ICPs, segment thresholds) — they are recomputed, not copied.
    const strip = ({
      id: _i,
      ownerId: _o,
      createdAt: _c,
      updatedAt: _u,
      createdBy: _b,
      version: _v,
      tier: _t,
      segment: _s,
      demandMaturity: _m,
      icpFit: _f,
      icpId: _fi,
      ...rest
    }: any) => rest
    const copies = (await other.admin.get(`/api/v1/accounts?${filter}`)).body.data.map(strip)
    expect(copies).toEqual((await listed(org.admin)).map(strip))
  })

  it('keeps spreadsheet formulas inert and exports every collection', async () => {
    const res = await download(org.admin, `/api/v1/accounts/export?q=cmd%20${run}`)
    const [row] = Papa.parse<Record<string, string>>(res.body.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data
    expect(row!.name).toBe(`'=1+2 cmd ${run}`)
    for (const c of ['contacts', 'activities', 'opportunities', 'tickets', 'tasks', 'marketing-touches']) {
      const r = await download(org.admin, `/api/v1/${c}/export?format=xlsx`)
      expect(r.statusCode, c).toBe(200)
    }
  })

  it('answers 400 problem+json for a bad filter before sending a file', async () => {
    const res = await org.admin.get('/api/v1/accounts/export?colour=red&format=csv')
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path: 'colour', message: 'not a known parameter' }])
    expect((await org.admin.get('/api/v1/accounts/export?format=pdf')).status).toBe(400)
    expect((await org.admin.get('/api/v1/accounts/export?limit=5')).status).toBe(400)
    expect((await org.finance.get('/api/v1/accounts/export')).status).toBe(200)
  })
})
