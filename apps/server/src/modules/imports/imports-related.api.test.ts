import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { creditCode as code, uploadFile } from './test-upload'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const run = Math.random().toString(36).slice(2, 7)
const upload = (who: Caller, fields: Record<string, string>, name: string, content: Buffer | string) =>
  uploadFile(env.app, who, fields, name, content)

describe('POST /api/v1/imports of records that belong to an account', () => {
  it('imports contacts, finding accounts by name or credit code, and de-duplicates on e-mail or name', async () => {
    const cc = code()
    const acme = (await org.admin.post('/api/v1/accounts', { name: `Contact Co ${run}` })).body
    const coded = (await org.admin.post('/api/v1/accounts', { name: `Coded Co ${run}`, creditCode: cc })).body
    await org.admin.post('/api/v1/contacts', {
      accountId: acme.id,
      name: 'Existing',
      email: `old-${run}@x.cn`,
    })
    const csv = [
      '客户名称,统一社会信用代码,姓名,邮箱,采购角色,影响力',
      `Contact Co ${run},,张三,zhang-${run}@x.cn,决策者,5`,
      `contact co ${run},,李四,,influencer,3`,
      `Nowhere ${run},,王五,,,`,
      `Contact Co ${run},,张三 again,ZHANG-${run}@x.cn,,`,
      `,${cc},赵六,,user,9`,
      `,${cc},钱七,,user,2`,
      `Contact Co ${run},,Existing again,OLD-${run}@x.cn,,`,
    ].join('\n')
    const res = await upload(org.admin, { object: 'contacts', mode: 'valid_rows' }, '联系人.csv', csv)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ created: 3, failed: 2, skippedDuplicates: 2, fileName: '联系人.csv' })
    const byRow = Object.fromEntries(
      res.body.errors.map((e: { row: number; column: string; message: string }) => [
        e.row,
        `${e.column}: ${e.message}`,
      ]),
    )
    expect(byRow).toEqual({
      4: `客户名称: no account named "Nowhere ${run}" in this workspace`,
      5: '邮箱: duplicate of row 2 at the same account: same e-mail',
      6: '影响力: from 1 to 5',
      8: expect.stringMatching(/^邮箱: duplicate of the existing contact "Existing" .* same e-mail$/),
    })
    const a = await org.admin.get(`/api/v1/contacts?accountId=${acme.id}&sort=name`)
    expect(a.body.data.map((c: { name: string }) => c.name)).toEqual(['Existing', '张三', '李四'])
    expect(a.body.data.find((c: { name: string }) => c.name === '张三')).toMatchObject({
      buyingRole: 'economic_buyer',
      influence: 5,
      email: `zhang-${run}@x.cn`,
    })
    const b = await org.admin.get(`/api/v1/contacts?accountId=${coded.id}`)
    expect(b.body.data.map((c: { name: string }) => c.name)).toEqual(['钱七'])
  })

  it('imports activities linked to contacts by e-mail and moves their last-contact date', async () => {
    const acc = (await org.admin.post('/api/v1/accounts', { name: `Activity Co ${run}` })).body
    const who = (
      await org.admin.post('/api/v1/contacts', { accountId: acc.id, name: 'Li', email: `li-${run}@x.cn` })
    ).body
    const csv = [
      'Account,Contacts,Type,Subject,Date,Duration',
      `Activity Co ${run},li-${run}@x.cn,meeting,Kick-off,2026-03-01 10:00,60`,
      `Activity Co ${run},nobody@x.cn,call,Follow-up,2026-03-02,15`,
      `Activity Co ${run},,拜访,Site visit,2026/3/3 09:30,`,
      `Activity Co ${run},,party,,31.02.2026,`,
    ].join('\n')
    const res = await upload(org.admin, { object: 'activities', mode: 'valid_rows' }, 'acts.csv', csv)
    expect(res.body).toMatchObject({ created: 2, failed: 2 })
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'Contacts'],
      [5, 'Type'],
      [5, 'Subject'],
      [5, 'Date'],
    ])
    const list = await org.admin.get(`/api/v1/activities?accountId=${acc.id}&sort=occurredAt`)
    expect(list.body.data.map((a: any) => [a.subject, a.kind, a.occurredAt, a.contactIds])).toEqual([
      ['Kick-off', 'meeting', '2026-03-01T10:00:00.000Z', [who.id]],
      ['Site visit', 'visit', '2026-03-03T09:30:00.000Z', []],
    ])
    const li = await org.admin.get(`/api/v1/contacts/${who.id}`)
    expect(li.body.lastContactedAt).toBe('2026-03-01T10:00:00.000Z')
  })
})
