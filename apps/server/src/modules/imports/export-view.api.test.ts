import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org
const run = Math.random().toString(36).slice(2, 7)
const COLS = 'name,industry,tier,annualSpend,ownerId,updatedAt,custom.channel'

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
  const def = await org.admin.post('/api/v1/field-definitions', {
    object: 'accounts',
    key: 'channel',
    label: 'Channel',
    labels: { 'zh-CN': '渠道类型' },
    type: 'select',
    options: [
      { value: 'direct', label: 'Direct', labels: { 'zh-CN': '直销' } },
      { value: 'partner', label: 'Partner', labels: { 'zh-CN': '伙伴' } },
    ],
    filterable: true,
  })
  expect(def.status, JSON.stringify(def.body)).toBe(201)
  const made = [
    {
      name: `View A ${run}`,
      industry: 'retail',
      tier: 'strategic',
      annualSpend: { amount: '1200000.50', currency: 'CNY' },
      custom: { channel: 'partner' },
    },
    { name: `View B ${run}`, industry: 'finance', custom: { channel: 'direct' } },
    { name: `=HYPERLINK("x") ${run}`, industry: 'retail' },
    { name: `View other ${run}`, industry: 'saas' },
  ]
  for (const body of made) {
    const r = await org.admin.post('/api/v1/accounts', { ...body, ownerId: org.sales.userId })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
  }
})
afterAll(() => env?.close())

const download = (who: Caller, url: string) =>
  env.app.inject({ url, headers: { authorization: `Bearer ${who.token}` } })
const csvRows = (body: string) => Papa.parse<string[]>(body.slice(1), { skipEmptyLines: true }).data
const filter = `industry=retail,finance&sort=name&q=${run}`

describe('GET /api/v1/<collection>/export?columns=… (what the list shows)', () => {
  it('exports the list columns in their order, headed in Chinese, with names, labels and formatted money', async () => {
    const res = await download(org.admin, `/api/v1/accounts/export?${filter}&columns=${COLS}&lang=zh-CN`)
    expect(res.statusCode, res.body).toBe(200)
    const [header, ...rows] = csvRows(res.body)
    expect(header).toEqual(['名称', '行业', '服务分层', '年度消费', '负责人', '更新时间', '渠道类型'])
    const me = (await org.admin.get(`/api/v1/users/${org.sales.userId}`)).body
    const byName = Object.fromEntries(rows.map((r) => [r[0], r]))
    expect(Object.keys(byName)).toEqual([`'=HYPERLINK("x") ${run}`, `View A ${run}`, `View B ${run}`])
    const a = byName[`View A ${run}`]!
    expect(a.slice(1, 5)).toEqual(['零售', '战略客户', '¥1,200,000.5', me.name])
    expect(a[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(a[6]).toBe('伙伴')
    expect(byName[`View B ${run}`]![6]).toBe('直销')
    // Nothing of the raw layout: no ids, versions or codes.
    expect(res.body).not.toContain(org.sales.userId)
    expect(res.body).not.toMatch(/\bretail\b|\bversion\b/)
  })

  it('heads the same columns in English and writes Excel', async () => {
    const res = await download(
      org.admin,
      `/api/v1/accounts/export?${filter}&columns=ownerId,name,industry&lang=en&format=xlsx`,
    )
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as never)
    const rows = (wb.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1))
    expect(rows[0]).toEqual(['Owner', 'Name', 'Industry'])
    expect(rows.slice(1).map((r) => r[2])).toEqual(['Retail', 'Retail', 'Finance'])
  })

  it('adds the id and raw values with ids=true, and such a file imports back', async () => {
    const res = await download(
      org.admin,
      `/api/v1/accounts/export?${filter}&columns=${COLS}&ids=true&lang=zh-CN`,
    )
    const [header, ...rows] = csvRows(res.body)
    expect(header).toEqual([
      'id',
      '名称',
      '行业',
      '服务分层',
      '年度消费',
      '负责人',
      '更新时间',
      '渠道类型',
      'industry',
      'tier',
      'annualSpend.amount',
      'annualSpend.currency',
      'ownerId',
      'updatedAt',
      'custom.channel',
    ])
    const list = (await org.admin.get(`/api/v1/accounts?${filter}`)).body.data as any[]
    expect(rows.map((r) => r[0])).toEqual(list.map((a) => a.id))
    const a = rows.find((r) => r[1] === `View A ${run}`)!
    expect(a.slice(8, 13)).toEqual(['retail', 'strategic', '1200000.50', 'CNY', org.sales.userId])

    const def = await other.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'channel',
      label: 'Channel',
      type: 'select',
      options: [
        { value: 'direct', label: 'Direct' },
        { value: 'partner', label: 'Partner' },
      ],
    })
    expect(def.status).toBe(201)
    const back = await other.admin.post('/api/v1/imports', {
      object: 'accounts',
      content: res.body,
      mapping: { ownerId: null, 负责人: null },
    })
    expect(back.body, JSON.stringify(back.body)).toMatchObject({ status: 'done', created: 3, failed: 0 })
    const copy = (await other.admin.get(`/api/v1/accounts?q=View%20A%20${run}`)).body.data[0]
    expect(copy).toMatchObject({
      industry: 'retail',
      tier: 'strategic',
      annualSpend: { amount: '1200000.50', currency: 'CNY' },
      custom: { channel: 'partner' },
    })
  })

  it('names only what the person may see, and refuses unknown or hidden columns changing nothing', async () => {
    const res = await org.admin.get(`/api/v1/accounts/export?columns=name,colour`)
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path: 'columns', message: expect.stringContaining('colour') }])
    expect((await org.admin.get(`/api/v1/accounts/export?columns=`)).status).toBe(400)
    expect((await org.admin.get(`/api/v1/accounts/export?columns=name&tz=Mars/Base`)).status).toBe(400)
    // Field-level security: a field hidden from a role is no column of its export.
    const hide = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { annualSpend: 'hidden' },
    })
    expect(hide.status, JSON.stringify(hide.body)).toBe(200)
    const hidden = await org.sales.get(`/api/v1/accounts/export?columns=name,annualSpend`)
    expect(hidden.status).toBe(400)
    expect(hidden.body.errors[0].message).toContain('annualSpend')
    const ok = await download(org.sales, `/api/v1/accounts/export?q=${run}&columns=name,industry&lang=en`)
    expect(csvRows(ok.body)[0]).toEqual(['Name', 'Industry'])
  })

  it('shows the names of related records on a contact export', async () => {
    const acc = (await org.admin.get(`/api/v1/accounts?q=View%20A%20${run}`)).body.data[0]
    const c = await org.admin.post('/api/v1/contacts', { accountId: acc.id, name: `Contact ${run}` })
    expect(c.status).toBe(201)
    const res = await download(org.admin, `/api/v1/contacts/export?q=${run}&columns=name,accountId&lang=en`)
    expect(csvRows(res.body)).toEqual([
      ['Name', 'Account'],
      [`Contact ${run}`, `View A ${run}`],
    ])
  })

  it('keeps the raw layout without columns', async () => {
    const res = await download(org.admin, `/api/v1/accounts/export?${filter}`)
    expect(csvRows(res.body)[0]).toEqual(expect.arrayContaining(['id', 'version', 'ownerId', 'industry']))
  })
})
