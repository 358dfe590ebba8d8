import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const made = async (who: keyof Org, url: string, body: object) => {
    const r = await (org[who] as Org['sales']).post(url, body)
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.id as string
  }
  ids.acc = await made('sales', '/api/v1/accounts', {
    name: '南京驰远燃气集团有限公司',
    creditCode: '91320100MA1XY4001H',
    domain: 'chiyuan-gas.example.cn',
    phone: '025-8456 7700',
  })
  ids.contact = await made('sales', '/api/v1/contacts', {
    accountId: ids.acc,
    name: '王立新',
    email: 'wang.lixin@chiyuan-gas.example.cn',
    phone: '+86 139 1234 5678',
  })
  ids.contract = await made('sales', '/api/v1/contracts', {
    accountId: ids.acc,
    number: 'HT-2026-0042',
    amount: '120000',
    currency: 'CNY',
  })
  ids.ticket = await made('sales', '/api/v1/tickets', {
    accountId: ids.acc,
    subject: '燃气表读数异常',
    priority: 'high',
  })
  ids.lead = await made('sales', '/api/v1/leads', {
    name: '刘晓燕',
    company: '苏州恒泰热力有限公司',
    phone: '0512-6677 3311',
  })
  ids.other = await made('outsider', '/api/v1/accounts', {
    name: '驰远外部客户',
    creditCode: '91320100MA1XY4009A',
  })
}, 120_000)
afterAll(() => env?.close())

const search = (who: Org['sales'], q: string) => who.get(`/api/v1/search?q=${encodeURIComponent(q)}`)

describe('global search', () => {
  it('finds records by e-mail, phone, contract number, credit code and domain, saying which field matched', async () => {
    const byMail = await search(org.sales, 'wang.lixin@')
    expect(byMail.status).toBe(200)
    expect(byMail.body.data).toEqual([
      expect.objectContaining({
        object: 'contacts',
        id: ids.contact,
        title: '王立新',
        matchedField: 'email',
        matchedLabel: 'E-mail',
        matchedValue: 'wang.lixin@chiyuan-gas.example.cn',
        accountId: ids.acc,
      }),
    ])
    const byPhone = (await search(org.sales, '1234 5678')).body.data
    expect(byPhone.map((h: { id: string; matchedField: string }) => [h.id, h.matchedField])).toEqual([
      [ids.contact, 'phone'],
    ])
    const byNumber = (await search(org.sales, 'HT-2026-0042')).body.data
    expect(byNumber).toEqual([
      expect.objectContaining({
        object: 'contracts',
        id: ids.contract,
        title: 'HT-2026-0042',
        matchedField: null,
      }),
    ])
    const byCode = (await search(org.sales, 'MA1XY4001H')).body.data
    expect(byCode).toEqual([
      expect.objectContaining({ object: 'accounts', id: ids.acc, matchedField: 'creditCode' }),
    ])
    // The domain matches the account and the contact's e-mail; the account comes first.
    const byDomain = (await search(org.sales, 'chiyuan-gas')).body.data
    expect(byDomain.map((h: { object: string }) => h.object)).toEqual(['accounts', 'contacts'])
  })

  it('finds a ticket by its number, shown before its subject, and accounts and leads by phone', async () => {
    const ticket = (await org.sales.get(`/api/v1/tickets/${ids.ticket}`)).body
    expect(ticket.number).toMatch(/^TK-\d+$/)
    const byTicket = (await search(org.sales, ticket.number)).body.data
    expect(byTicket).toEqual([
      expect.objectContaining({
        object: 'tickets',
        id: ids.ticket,
        title: `${ticket.number} · 燃气表读数异常`,
        matchedField: null,
        accountId: ids.acc,
      }),
    ])
    // A hit on the subject carries the number in its title too.
    expect((await search(org.sales, '读数异常')).body.data).toEqual([
      expect.objectContaining({ id: ids.ticket, title: `${ticket.number} · 燃气表读数异常` }),
    ])
    const byAccountPhone = (await search(org.sales, '8456 7700')).body.data
    expect(byAccountPhone).toEqual([
      expect.objectContaining({
        object: 'accounts',
        id: ids.acc,
        matchedField: 'phone',
        matchedLabel: 'Phone',
        matchedValue: '025-8456 7700',
      }),
    ])
    const byLeadPhone = (await search(org.sales, '6677 3311')).body.data
    expect(byLeadPhone).toEqual([
      expect.objectContaining({
        object: 'leads',
        id: ids.lead,
        title: '刘晓燕',
        matchedField: 'phone',
        matchedValue: '0512-6677 3311',
      }),
    ])
  })

  it('lists only what the person may see', async () => {
    const mine = (await search(org.sales, '驰远')).body.data.map((h: { id: string }) => h.id)
    expect(mine).toContain(ids.acc)
    expect(mine).not.toContain(ids.other)
    const all = (await search(org.admin, '驰远')).body.data.map((h: { id: string }) => h.id)
    expect(all).toEqual(expect.arrayContaining([ids.acc, ids.other]))
  })

  it('tells nothing through a field hidden from the person', async () => {
    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'contacts',
      fields: { phone: 'hidden' },
    })
    expect(put.status).toBe(200)
    expect((await search(org.sales, '1234 5678')).body.data).toEqual([])
    expect((await search(org.admin, '1234 5678')).body.data).toHaveLength(1)
  })

  it('refuses an empty term with a specific error', async () => {
    const r = await org.sales.get('/api/v1/search?q=%20')
    expect(r.status).toBe(400)
    expect(r.body.errors[0].path).toBe('q')
  })
})
