import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const made = async (who: Org['sales'], url: string, body: object) => {
    const r = await who.post(url, body)
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.id as string
  }
  ids.gas = await made(org.sales, '/api/v1/accounts', { name: '南京驰远燃气集团有限公司' })
  ids.heat = await made(org.sales, '/api/v1/accounts', { name: '苏州恒泰热力有限公司' })
  ids.wang = await made(org.sales, '/api/v1/contacts', {
    accountId: ids.gas,
    name: '王立新',
    email: 'Wang.Lixin@chiyuan-gas.example.cn',
    phone: '+86 139 1234 5678',
  })
  ids.li = await made(org.sales, '/api/v1/contacts', {
    accountId: ids.heat,
    name: '李娜',
    phone: '0512-6677 3311',
  })
  const elsewhere = await made(org.outsider, '/api/v1/accounts', { name: '外部客户' })
  ids.hidden = await made(org.outsider, '/api/v1/contacts', {
    accountId: elsewhere,
    name: '赵敏',
    email: 'zhao.min@example.cn',
  })
}, 120_000)
afterAll(() => env?.close())

const dupes = async (who: Org['sales'], q: Record<string, string | undefined>) => {
  const r = await who.get(`/api/v1/contacts/duplicates?${new URLSearchParams(q as Record<string, string>)}`)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body.data as { id: string; on: string; visible: boolean; [k: string]: unknown }[]
}

describe('contact duplicates on create', () => {
  it('finds the same e-mail (any case) anywhere in the workspace, naming the account', async () => {
    expect(
      await dupes(org.sales, {
        accountId: ids.heat,
        name: '王先生',
        email: 'wang.lixin@CHIYUAN-gas.example.cn',
      }),
    ).toEqual([
      {
        id: ids.wang,
        name: '王立新',
        on: 'email',
        email: 'Wang.Lixin@chiyuan-gas.example.cn',
        phone: '+86 139 1234 5678',
        accountId: ids.gas,
        accountName: '南京驰远燃气集团有限公司',
        company: null,
        visible: true,
      },
    ])
  })

  it('finds the same mobile or landline however it is written', async () => {
    const mobile = await dupes(org.sales, { accountId: ids.heat, name: '新联系人', phone: '139-1234-5678' })
    expect(mobile.map((c) => [c.id, c.on])).toEqual([[ids.wang, 'phone']])
    const landline = await dupes(org.sales, {
      accountId: ids.gas,
      name: '新联系人',
      phone: '+86 512 6677 3311',
    })
    expect(landline.map((c) => [c.id, c.on])).toEqual([[ids.li, 'phone']])
  })

  it('finds the same name at the same account only', async () => {
    expect((await dupes(org.sales, { accountId: ids.gas, name: ' 王立新 ' })).map((c) => c.on)).toEqual([
      'name',
    ])
    expect(await dupes(org.sales, { accountId: ids.heat, name: '王立新' })).toEqual([])
  })

  it('takes two different e-mails for two people, and leaves out the contact being edited', async () => {
    expect(
      await dupes(org.sales, {
        accountId: ids.gas,
        name: '王立新',
        email: 'other@chiyuan-gas.example.cn',
        phone: '13912345678',
      }),
    ).toEqual([])
    expect(await dupes(org.sales, { accountId: ids.gas, name: '王立新', excludeId: ids.wang })).toEqual([])
  })

  it("names a colleague's contact without its details", async () => {
    expect(await dupes(org.sales, { accountId: ids.gas, name: '赵', email: 'zhao.min@example.cn' })).toEqual([
      expect.objectContaining({ id: ids.hidden, name: '赵敏', visible: false, email: null, accountId: null }),
    ])
  })

  it('neither compares nor shows a field hidden from the person', async () => {
    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'contacts',
      fields: { phone: 'hidden' },
    })
    expect(put.status).toBe(200)
    expect(await dupes(org.sales2, { accountId: ids.heat, name: '新联系人', phone: '13912345678' })).toEqual(
      [],
    )
    const byMail = await dupes(org.sales, {
      accountId: ids.heat,
      name: 'x',
      email: 'wang.lixin@chiyuan-gas.example.cn',
    })
    expect(byMail).toEqual([expect.objectContaining({ id: ids.wang, phone: null })])
    await org.admin.put('/api/v1/roles/sales/field-access', { object: 'contacts', fields: {} })
  })

  it('answers 400 to a bad query', async () => {
    expect((await org.sales.get('/api/v1/contacts/duplicates?colour=red')).status).toBe(400)
  })
})
