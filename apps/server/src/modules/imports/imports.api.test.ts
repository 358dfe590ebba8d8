import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { auditLog } from '../../core/audit/audit.table'
import { outbox } from '../../core/events/outbox.table'
import { accounts } from '../accounts'
import { uploadFile, creditCode as code } from './test-upload'

let env: TestEnv
let org: Org
let other: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
})
afterAll(() => env?.close())

const run = Math.random().toString(36).slice(2, 7)

const upload = (who: Caller, fields: Record<string, string>, name: string, content: Buffer | string) =>
  uploadFile(env.app, who, fields, name, content)

const db = () => env.rt.database.db
const accountCount = async (ws: string) =>
  Number((await db().select({ n: count() }).from(accounts).where(eq(accounts.workspaceId, ws)))[0]!.n)
const auditCount = async (ws: string) =>
  Number((await db().select({ n: count() }).from(auditLog).where(eq(auditLog.workspaceId, ws)))[0]!.n)
const importEvents = (ws: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, ws), eq(outbox.type, 'import.completed')))

const badFile = (tag: string) =>
  [
    'Name,Industry,Credit code,Domain,Annual spend,Tier,Employees',
    `Good ${tag} one,manufacturing,,good1-${tag}.example.cn,"1,200,000",strategic,100`,
    ',retail,,,,,',
    `Bad ${tag},mining,BADCODE,,12.345,gold,many`,
    `Good ${tag} two,金融,,,,战略,`,
  ].join('\n')

describe('POST /api/v1/imports', () => {
  it('reports row, column and reason of every bad row and leaves the database unchanged in all-or-nothing mode', async () => {
    const [accountsBefore, auditBefore] = [await accountCount(org.wsId), await auditCount(org.wsId)]
    const res = await upload(org.admin, { object: 'accounts' }, 'accounts.csv', badFile(`aon${run}`))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'failed',
      mode: 'all_or_nothing',
      total: 4,
      failed: 2,
      created: 0,
    })
    expect(res.body.processed).toBe(res.body.total)
    expect(res.body.message).toMatch(/2 of 4 rows were refused; nothing was imported/)
    const errors = res.body.errors as { row: number; column: string; field: string; message: string }[]
    expect(errors).toContainEqual({
      row: 3,
      column: 'Name',
      field: 'name',
      message: 'is required',
      kind: 'invalid',
    })
    const row4 = errors.filter((e) => e.row === 4)
    expect(row4.map((e) => e.column).sort()).toEqual([
      'Annual spend',
      'Credit code',
      'Employees',
      'Industry',
      'Tier',
    ])
    expect(row4.find((e) => e.column === 'Credit code')!.message).toMatch(/unified social credit code/)
    expect(row4.find((e) => e.column === 'Employees')!.message).toMatch(/not a whole number/)
    expect(row4.find((e) => e.column === 'Annual spend')!.message).toMatch(/at most 2 decimals/)
    expect(errors.every((e) => e.row !== 2 && e.row !== 5)).toBe(true)
    expect(await accountCount(org.wsId)).toBe(accountsBefore)
    expect(await auditCount(org.wsId)).toBe(auditBefore)
    expect(await importEvents(org.wsId)).toEqual([])
  })

  it('writes only the valid rows in valid_rows mode, with an audit entry each and one summary event', async () => {
    const before = await accountCount(org.wsId)
    const res = await upload(
      org.admin,
      { object: 'accounts', mode: 'valid_rows' },
      'a.csv',
      badFile(`vr${run}`),
    )
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'done',
      total: 4,
      valid: 2,
      created: 2,
      failed: 2,
      errorCount: 6,
    })
    expect(await accountCount(org.wsId)).toBe(before + 2)
    const list = await org.admin.get(`/api/v1/accounts?q=vr${run}&sort=name`)
    expect(list.body.data.map((a: { name: string }) => a.name)).toEqual([
      `Good vr${run} one`,
      `Good vr${run} two`,
    ])
    const [one, two] = list.body.data
    expect(one).toMatchObject({
      industry: 'manufacturing',
      tier: 'strategic',
      employees: 100,
      ownerId: org.admin.userId,
    })
    expect(one.annualSpend).toEqual({ amount: '1200000.00', currency: 'CNY' })
    expect(two).toMatchObject({ industry: 'finance', tier: 'strategic' })
    // The person's own entries (background work, e.g. the segment, may add the system's soon after).
    const audit = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, org.wsId),
          eq(auditLog.entityId, one.id),
          eq(auditLog.actorId, org.admin.userId),
        ),
      )
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'create', entityType: 'account', actorId: org.admin.userId })
    expect(audit[0]!.after).toMatchObject({ id: one.id, name: one.name, annualSpend: one.annualSpend })
    const events = await importEvents(org.wsId)
    expect(events).toHaveLength(1)
    expect(events[0]!.payload).toMatchObject({
      importId: res.body.id,
      object: 'accounts',
      created: 2,
      failed: 2,
    })
  })

  it('de-duplicates accounts on credit code, domain and name against the database and within the file', async () => {
    const [x, y, z] = [code(), code(), code()]
    for (const body of [
      { name: `Alpha ${run}`, creditCode: x },
      { name: `Beta ${run}`, domain: `beta-${run}.example.cn` },
      { name: `Gamma ${run}` },
    ])
      expect((await org.admin.post('/api/v1/accounts', body)).status).toBe(201)
    const csv = [
      'name,creditCode,domain',
      `Alpha renamed ${run},${x},`,
      `Beta other ${run},,BETA-${run}.example.cn`,
      `gamma ${run},,`,
      `Delta ${run},${y},`,
      `Delta copy ${run},${y},`,
      `Epsilon ${run},,eps-${run}.example.cn`,
      `EPSILON ${run},,`,
      `Alpha ${run},${z},`,
    ].join('\n')
    const before = await accountCount(org.wsId)
    const refused = await upload(org.admin, { object: 'accounts' }, 'dups.csv', csv)
    expect(refused.body).toMatchObject({ status: 'failed', failed: 5, created: 0, skippedDuplicates: 0 })
    const dups = refused.body.errors.map(
      (e: { row: number; field: string; kind: string; message: string }) => [
        e.row,
        e.field,
        e.kind,
        e.message.replace(/\(([0-9a-f-]{36})\)/, '(id)'),
      ],
    )
    expect(dups).toEqual([
      [
        2,
        'creditCode',
        'duplicate',
        `duplicate of the existing account "Alpha ${run}" (id): same credit code`,
      ],
      [3, 'domain', 'duplicate', `duplicate of the existing account "Beta ${run}" (id): same domain`],
      [4, 'name', 'duplicate', `duplicate of the existing account "Gamma ${run}" (id): same name`],
      [6, 'creditCode', 'duplicate', 'duplicate of row 5: same credit code'],
      [8, 'name', 'duplicate', 'duplicate of row 7: same name'],
    ])
    expect(await accountCount(org.wsId)).toBe(before)

    const skipped = await upload(org.admin, { object: 'accounts', onDuplicate: 'skip' }, 'dups.csv', csv)
    expect(skipped.body).toMatchObject({ status: 'done', created: 3, skippedDuplicates: 5, failed: 0 })
    expect(await accountCount(org.wsId)).toBe(before + 3)
    const again = await upload(org.admin, { object: 'accounts', mode: 'valid_rows' }, 'dups.csv', csv)
    expect(again.body).toMatchObject({ status: 'done', created: 0, skippedDuplicates: 8, failed: 0 })
  })

  it('reads an .xlsx workbook, numbers and formulas included', async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('客户')
    sheet.addRow(['客户名称', '行业', '员工数', '年度采购额', '负责人'])
    sheet.addRow([`Excel One ${run}`, 'retail', 250, 1234.5, `sales@${org.slug}.test`])
    sheet.addRow([`Excel Two ${run}`, '制造业', { formula: '2*21', result: 42 }, null, null])
    sheet.addRow([`Excel Bad ${run}`, 'retail', 'lots', null, 'ghost@nowhere.test'])
    const content = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await upload(org.admin, { object: 'accounts', mode: 'valid_rows' }, 'accounts.xlsx', content)
    expect(res.body).toMatchObject({ format: 'xlsx', created: 2, failed: 1 })
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, '员工数'],
      [4, '负责人'],
    ])
    const list = await org.admin.get(`/api/v1/accounts?q=Excel&sort=name`)
    const [one, two] = list.body.data
    expect(one).toMatchObject({ name: `Excel One ${run}`, employees: 250, ownerId: org.sales.userId })
    expect(one.annualSpend).toEqual({ amount: '1234.50', currency: 'CNY' })
    expect(two).toMatchObject({ industry: 'manufacturing', employees: 42, ownerId: org.admin.userId })
  })

  it('accepts a JSON body with a mapping; a dry run and a bad mapping write nothing', async () => {
    const content = `Firma;Sektor;Notiz\nJSON Co ${run};retail;x\n`
    const mapping = { Firma: 'name', Sektor: 'industry', Notiz: null }
    const dry = await org.admin.post('/api/v1/imports', {
      object: 'accounts',
      content,
      mapping,
      dryRun: true,
    })
    expect(dry.status).toBe(201)
    expect(dry.body).toMatchObject({ status: 'done', dryRun: true, valid: 1, created: 0 })
    expect(dry.body.columns).toEqual([
      { column: 'Firma', field: 'name' },
      { column: 'Sektor', field: 'industry' },
      { column: 'Notiz', field: null },
    ])
    expect((await org.admin.get(`/api/v1/accounts?q=JSON Co ${run}`)).body.data).toEqual([])
    const b64 = Buffer.from(content).toString('base64')
    const res = await org.admin.post('/api/v1/imports', { object: 'accounts', contentBase64: b64, mapping })
    expect(res.body).toMatchObject({ status: 'done', created: 1, fileName: 'accounts.csv', format: 'csv' })
    // Excel saves CSV in GB18030 on Chinese Windows: 华为 is BB AA CE AA there.
    const gbk = Buffer.concat([
      Buffer.from('name\n'),
      Buffer.from([0xbb, 0xaa, 0xce, 0xaa]),
      Buffer.from(` ${run}\n`),
    ])
    const chinese = await org.admin.post('/api/v1/imports', {
      object: 'accounts',
      fileName: 'gbk.csv',
      contentBase64: gbk.toString('base64'),
    })
    expect(chinese.body).toMatchObject({ status: 'done', created: 1 })
    expect(
      (await org.admin.get(`/api/v1/accounts?q=${encodeURIComponent(`华为 ${run}`)}`)).body.data,
    ).toHaveLength(1)
    const bad = await org.admin.post('/api/v1/imports', {
      object: 'accounts',
      content,
      mapping: { Firma: 'firm', Missing: 'industry' },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('invalid_mapping')
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'mapping.Firma',
      'mapping.Missing',
      'mapping',
    ])
    const neither = await org.admin.post('/api/v1/imports', { object: 'accounts' })
    expect(neither.status).toBe(400)
    expect(neither.body.errors[0].path).toBe('content')
  })

  it('answers 400 naming every problem of a multipart request', async () => {
    const res = await upload(org.admin, { object: 'widgets', mapping: '{name' }, 'a.csv', 'name\nX\n')
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['object'])
    const bad = await upload(org.admin, { object: 'accounts', mapping: '{name' }, 'a.csv', 'name\nX\n')
    expect(bad.body.errors).toEqual([{ path: 'mapping', message: 'is not valid JSON' }])
    const xls = await upload(
      org.admin,
      { object: 'accounts' },
      'old.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]),
    )
    expect(xls.body).toMatchObject({ status: 400, code: 'unreadable_file' })
    expect(xls.body.detail).toMatch(/save it as \.xlsx or \.csv/)
  })

  it('refuses a role that may not create the records (finance) with 403, and owners outside a sales scope', async () => {
    const res = await upload(org.finance, { object: 'accounts' }, 'a.csv', `name\nFinance Co ${run}\n`)
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect((await org.finance.post('/api/v1/imports', { object: 'contacts', content: 'x' })).status).toBe(403)
    const csv = `name,owner\nMine ${run},\nTheirs ${run},sales2@${org.slug}.test\n`
    const own = await upload(org.sales, { object: 'accounts' }, 'a.csv', csv)
    expect(own.body).toMatchObject({ status: 'failed', failed: 1 })
    expect(own.body.errors).toEqual([
      {
        row: 3,
        column: 'owner',
        field: 'ownerId',
        message: 'your role may create accounts only for yourself',
        kind: 'invalid',
      },
    ])
  })

  it('keeps the first 1,000 report entries and counts them all', async () => {
    const lines = ['name,industry', ...[...Array(1_500)].map((_, i) => `Capped ${i},oil`)]
    const res = await org.admin.post('/api/v1/imports', { object: 'accounts', content: lines.join('\n') })
    expect(res.body).toMatchObject({ status: 'failed', failed: 1_500, errorCount: 1_500 })
    expect(res.body.errors).toHaveLength(1_000)
    expect(res.body.errors.at(-1)).toMatchObject({ row: 1_001, column: 'industry' })
  })

  it('runs a large file in the background: 202, then progress until done', async () => {
    const lines = ['name,industry']
    for (let i = 0; i < 2_500; i++) lines.push(`Bulk ${run} ${String(i).padStart(5, '0')},saas`)
    const res = await upload(org.manager, { object: 'accounts' }, 'bulk.csv', lines.join('\n'))
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ status: 'validating', total: 2_500, processed: 0, created: 0 })
    let rec = res.body
    for (let i = 0; i < 200 && !['done', 'failed'].includes(rec.status); i++) {
      await new Promise((r) => setTimeout(r, 50))
      rec = (await org.manager.get(`/api/v1/imports/${res.body.id}`)).body
      expect(rec.processed).toBeLessThanOrEqual(rec.total)
    }
    expect(rec).toMatchObject({ status: 'done', processed: 2_500, created: 2_500, failed: 0 })
    expect(rec.finishedAt).not.toBeNull()
    const list = await org.manager.get('/api/v1/imports?object=accounts&limit=5')
    expect(list.body.data[0].id).toBe(res.body.id)
  })

  it('hides imports of another workspace and of other people under own scope (404)', async () => {
    const mine = await org.sales.post('/api/v1/imports', {
      object: 'accounts',
      content: `name\nScoped ${run}\n`,
    })
    expect(mine.status).toBe(201)
    expect((await org.sales.get(`/api/v1/imports/${mine.body.id}`)).status).toBe(200)
    expect((await other.admin.get(`/api/v1/imports/${mine.body.id}`)).status).toBe(404)
    expect((await org.sales2.get(`/api/v1/imports/${mine.body.id}`)).status).toBe(404)
    expect((await org.admin.get(`/api/v1/imports/${mine.body.id}`)).status).toBe(200)
    expect((await other.admin.get('/api/v1/imports')).body.data).toEqual([])
  })
})
