import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { auditLog } from '../../core/audit/audit.table'
import { outbox } from '../../core/events/outbox.table'
import { creditCode as code, uploadFile } from './test-upload'

let env: TestEnv
let org: Org
const run = Math.random().toString(36).slice(2, 7)
const cc = code()
let visited: { id: string }
let coded: { id: string }

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const made = await org.admin.post('/api/v1/objects', {
    key: 'site_visits',
    label: 'Site visit',
    pluralLabel: 'Site visits',
    labels: { 'zh-CN': { one: '现场拜访', many: '现场拜访' } },
    fields: [
      {
        key: 'account',
        label: 'Account',
        labels: { 'zh-CN': '客户' },
        type: 'relation',
        relation: { object: 'accounts' },
        required: true,
      },
      { key: 'visitDate', label: 'Visit date', labels: { 'zh-CN': '拜访日期' }, type: 'date' },
      {
        key: 'outcome',
        label: 'Outcome',
        labels: { 'zh-CN': '结果' },
        type: 'select',
        options: [
          { value: 'good', label: 'Good', labels: { 'zh-CN': '良好' } },
          { value: 'poor', label: 'Poor', labels: { 'zh-CN': '较差' } },
        ],
      },
      { key: 'attendees', label: 'Attendees', labels: { 'zh-CN': '参加人数' }, type: 'number', min: 1 },
      { key: 'code', label: 'Visit code', labels: { 'zh-CN': '拜访编号' }, type: 'text', unique: true },
    ],
  })
  expect(made.status, JSON.stringify(made.body)).toBe(201)
  visited = (await org.sales.post('/api/v1/accounts', { name: `Visited ${run}` })).body
  coded = (await org.sales.post('/api/v1/accounts', { name: `Coded ${run}`, creditCode: cc })).body
}, 60_000)
afterAll(() => env?.close())

const upload = (who: Caller, fields: Record<string, string>, name: string, content: string) =>
  uploadFile(env.app, who, fields, name, content)
const records = async (who: Caller) =>
  (await who.get('/api/v1/objects/site_visits/records?sort=name&limit=100')).body.data as {
    id: string
    name: string
    ownerId: string
    custom: Record<string, unknown>
  }[]
const db = () => env.rt.database.db

describe('POST /api/v1/imports of a custom object', () => {
  it('imports records with Chinese headers, finding the account by name or credit code, with audit and events', async () => {
    const csv = [
      '名称,客户,拜访日期,结果,参加人数',
      `拜访一 ${run},Visited ${run},2026-03-01,良好,3`,
      `拜访二 ${run},${cc},2026-03-02,Poor,2`,
    ].join('\n')
    const res = await upload(org.sales, { object: 'site_visits' }, '现场拜访.csv', csv)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ object: 'site_visits', status: 'done', created: 2, failed: 0 })
    expect(res.body.columns).toEqual([
      { column: '名称', field: 'name' },
      { column: '客户', field: 'custom.account' },
      { column: '拜访日期', field: 'custom.visitDate' },
      { column: '结果', field: 'custom.outcome' },
      { column: '参加人数', field: 'custom.attendees' },
    ])
    const rows = await records(org.sales)
    expect(rows.map((r) => [r.name, r.ownerId, r.custom])).toEqual([
      [
        `拜访一 ${run}`,
        org.sales.userId,
        { account: visited.id, visitDate: '2026-03-01', outcome: 'good', attendees: 3 },
      ],
      [
        `拜访二 ${run}`,
        org.sales.userId,
        { account: coded.id, visitDate: '2026-03-02', outcome: 'poor', attendees: 2 },
      ],
    ])
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, org.wsId), eq(auditLog.entityId, rows[0]!.id)))
    expect(audit.map((a) => [a.action, a.entityType])).toEqual([['create', 'site_visits']])
    const events = await db().select().from(outbox).where(eq(outbox.workspaceId, org.wsId))
    const types = events.map((e) => e.type)
    expect(types.filter((t) => t === 'site_visits.created')).toHaveLength(2)
    expect(events.find((e) => e.type === 'import.completed')?.payload).toMatchObject({
      object: 'site_visits',
      created: 2,
    })
  })

  it('maps English headers and the account headers of contacts, and reports bad rows in a dry run', async () => {
    const csv = [
      'Name,Account name,Visit date,Outcome,Attendees,Owner e-mail',
      `Visit A ${run},Visited ${run},2026-04-01,good,1,manager@${org.slug}.test`,
      `Visit B ${run},Nowhere ${run},2026-04-02,great,0,`,
      `,Visited ${run},yesterday,,,`,
    ].join('\n')
    const before = (await records(org.admin)).length
    const res = await upload(org.admin, { object: 'site_visits', dryRun: 'true' }, 'visits.csv', csv)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ status: 'done', valid: 1, failed: 2, created: 0 })
    expect(res.body.message).toMatch(/^Dry run: 1 of 3 rows would be imported/)
    const report = res.body.errors.map((e: { row: number; column: string | null; message: string }) => [
      e.row,
      e.column,
      e.message,
    ])
    expect(report).toEqual([
      [3, 'Account name', `no account named or with the credit code "Nowhere ${run}" in this workspace`],
      [4, 'Name', 'is required'],
    ])
    expect(await records(org.admin)).toHaveLength(before)

    const real = await upload(org.admin, { object: 'site_visits', mode: 'valid_rows' }, 'visits.csv', csv)
    expect(real.body).toMatchObject({ status: 'done', created: 1, failed: 2 })
    const a = (await records(org.admin)).find((r) => r.name === `Visit A ${run}`)
    expect(a).toMatchObject({ ownerId: org.manager.userId, custom: { account: visited.id, outcome: 'good' } })
  })

  it('reports values the object refuses on their column: an unknown option, a number below its minimum', async () => {
    const csv = ['Name,Account,Outcome,Attendees', `Visit C ${run},${visited.id},great,0`].join('\n')
    const res = await upload(org.admin, { object: 'site_visits' }, 'visits.csv', csv)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'failed', created: 0, failed: 1 })
    expect(res.body.errors.map((e: { column: string }) => e.column)).toEqual(['Outcome', 'Attendees'])
  })

  it('refuses a value of a unique field that a record or an earlier row already has', async () => {
    const url = '/api/v1/objects/site_visits/records'
    const made = await org.admin.post(url, {
      name: `Coded visit ${run}`,
      custom: { account: visited.id, code: `V-${run}` },
    })
    expect(made.status).toBe(201)
    const csv = [
      'Name,Account,拜访编号',
      `Visit F ${run},${visited.id},V-${run}`,
      `Visit G ${run},${visited.id},W-${run}`,
      `Visit H ${run},${visited.id},W-${run}`,
    ].join('\n')
    const res = await upload(org.admin, { object: 'site_visits', mode: 'valid_rows' }, 'x.csv', csv)
    expect(res.body).toMatchObject({ status: 'done', created: 1, failed: 2 })
    expect(
      res.body.errors.map((e: { row: number; column: string; message: string }) => [
        e.row,
        e.column,
        e.message,
      ]),
    ).toEqual([
      [2, '拜访编号', `another record already has V-${run}`],
      [4, '拜访编号', `row 3 already has W-${run}`],
    ])
  })

  it('refuses an object that is neither importable nor a custom object of the workspace, writing nothing', async () => {
    for (const object of ['widgets', 'opportunities']) {
      const res = await upload(org.admin, { object }, 'x.csv', 'Name\nx\n')
      expect(res.status).toBe(400)
      expect(res.body.errors).toEqual([
        {
          path: 'object',
          message: `"${object}" is not an object you can import; use one of accounts, contacts, activities, leads, site_visits`,
        },
      ])
    }
    const zh = await env.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: { object: 'widgets', content: 'Name\nx\n' },
    })
    expect(zh.statusCode).toBe(400)
    expect(zh.json().errors[0].message).toBe(
      '"widgets" 不是可导入的对象；可用：accounts, contacts, activities, leads, site_visits',
    )
    const list = (await org.admin.get('/api/v1/imports?object=widgets')).body.data
    expect(list).toEqual([])
  })

  it("keeps to the importer's reach: a salesperson may not import records for someone else", async () => {
    const mine = (await org.outsider.post('/api/v1/accounts', { name: `Mine ${run}` })).body
    const csv = `Name,Account,Owner\nVisit D ${run},${mine.id},sales@${org.slug}.test\n`
    const res = await upload(org.outsider, { object: 'site_visits' }, 'x.csv', csv)
    expect(res.body).toMatchObject({ status: 'failed', created: 0, failed: 1 })
    expect(res.body.errors[0]).toMatchObject({
      column: 'Owner',
      message: 'your role may create site_visits only for yourself',
    })
  })

  it('refuses columns of fields the role may not change, before reading a row (403, each column named)', async () => {
    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'site_visits',
      fields: { 'custom.attendees': 'read' },
    })
    expect(put.status).toBe(200)
    const csv = `Name,Account,参加人数\nVisit E ${run},${visited.id},2\n`
    const res = await upload(org.sales, { object: 'site_visits' }, 'x.csv', csv)
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ code: 'field_not_writable' })
    expect(res.body.errors).toEqual([{ path: 'mapping.参加人数', message: 'is read-only for your role' }])
    const ignored = await upload(
      org.sales,
      { object: 'site_visits', mapping: JSON.stringify({ 参加人数: null }) },
      'x.csv',
      csv,
    )
    expect(ignored.body).toMatchObject({ status: 'done', created: 1 })

    // Built-in objects alike: a read-only field, filled by its Chinese label.
    await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { region: 'read' },
    })
    const region = await upload(
      org.sales,
      { object: 'accounts' },
      'a.csv',
      `Name,区域\nRegion Co ${run},East\n`,
    )
    expect(region.status).toBe(403)
    expect(region.body.errors).toEqual([{ path: 'mapping.区域', message: 'is read-only for your role' }])
  })
})
