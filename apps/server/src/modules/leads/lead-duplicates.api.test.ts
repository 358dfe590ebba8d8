import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  const made = async (body: object) => {
    const r = await org.sales.post('/api/v1/leads', body)
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.id as string
  }
  ids.liu = await made({
    name: '刘晓燕',
    company: '苏州恒泰热力有限公司',
    email: 'liu.xy@hengtai.example.cn',
    phone: '0512-6677 3311',
  })
  ids.chen = await made({ name: '陈刚', company: '无锡华光环保', phone: '138 0013 8000' })
}, 120_000)
afterAll(() => env?.close())

const dupes = async (q: Record<string, string | undefined>) => {
  const r = await org.sales.get(
    `/api/v1/leads/duplicates?${new URLSearchParams(q as Record<string, string>)}`,
  )
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body.data as { id: string; on: string }[]
}

describe('lead duplicates on create', () => {
  it('finds the same e-mail, whatever the company', async () => {
    expect(await dupes({ name: '刘女士', company: '别的公司', email: 'LIU.XY@hengtai.example.cn' })).toEqual([
      expect.objectContaining({
        id: ids.liu,
        on: 'email',
        company: '苏州恒泰热力有限公司',
        phone: '0512-6677 3311',
        visible: true,
      }),
    ])
  })

  it('finds the same company with the same phone or the same name (the importer’s rule)', async () => {
    const byPhone = await dupes({ name: '陈先生', company: '无锡华光环保', phone: '+86 138-0013-8000' })
    expect(byPhone.map((l) => [l.id, l.on])).toEqual([[ids.chen, 'phone']])
    const byName = await dupes({ name: '陈刚', company: '无锡华光环保' })
    expect(byName.map((l) => [l.id, l.on])).toEqual([[ids.chen, 'name']])
    // Another company: the same phone or name is someone else.
    expect(await dupes({ name: '陈刚', company: '常州华光', phone: '13800138000' })).toEqual([])
    expect(await dupes({ name: '陈刚', company: '无锡华光环保', excludeId: ids.chen })).toEqual([])
  })
})
