import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
})
afterAll(() => env?.close())

const send = async (
  token: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: object,
  acceptLanguage?: string,
) => {
  const res = await env.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    ...(body ? { payload: body } : {}),
  })
  return { status: res.statusCode, headers: res.headers, body: res.json() }
}

const badAccount = { name: 'x'.repeat(300), bogus: true }
const shape = (b: { type: string; code: string; status: number; errors?: { path: string }[] }) => ({
  type: b.type,
  code: b.code,
  status: b.status,
  paths: (b.errors ?? []).map((e) => e.path),
})

describe('problem messages in the caller’s language', () => {
  it('answers the same invalid request in Chinese with Accept-Language zh-CN and in English without', async () => {
    const en = await send(org.admin.token, 'POST', '/api/v1/accounts', badAccount)
    const zh = await send(org.admin.token, 'POST', '/api/v1/accounts', badAccount, 'zh-CN,zh;q=0.9,en;q=0.8')
    expect(en.status).toBe(400)
    expect(zh.status).toBe(400)
    expect(shape(zh.body)).toEqual(shape(en.body))
    expect(en.body.title).toBe('Invalid input')
    expect(en.headers['content-language']).toBeUndefined()
    expect(zh.body.title).toBe('输入无效')
    expect(zh.headers['content-language']).toBe('zh-CN')
    const msg = (b: typeof en.body, path: string) =>
      b.errors.find((e: { path: string }) => e.path === path)?.message
    expect(msg(en.body, 'bogus')).toBe('not a known field')
    expect(msg(zh.body, 'bogus')).toBe('不是已知的字段')
    expect(msg(zh.body, 'name')).toMatch(/最多 \d+ 个字符/)
    expect(zh.body.detail).not.toBe(en.body.detail)
    expect(zh.body.detail).toMatch(/[\u4e00-\u9fff]/)
  })

  it('translates not-found and business-rule refusals, and leaves an English caller alone', async () => {
    const url = '/api/v1/accounts/01900000-0000-7000-8000-000000000000'
    const en = await send(org.admin.token, 'GET', url, undefined, 'en-US,en;q=0.9')
    const zh = await send(org.admin.token, 'GET', url, undefined, 'zh-CN')
    expect(en.body).toMatchObject({ code: 'not_found', title: 'Not found', detail: 'Account was not found' })
    expect(zh.body).toMatchObject({ code: 'not_found', title: '未找到', detail: '未找到客户' })
    const forbidden = await send(org.sales.token, 'GET', '/api/v1/audit-log', undefined, 'zh')
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.detail).toBe('只有管理员可以查看审计记录')
  })

  it('translates a version conflict and keeps its code and current record', async () => {
    const acc = await org.admin.post('/api/v1/accounts', { name: 'Conflict Co' })
    expect(acc.status).toBe(201)
    const url = `/api/v1/accounts/${acc.body.id}`
    expect((await org.admin.patch(url, { version: acc.body.version, name: 'A' })).status).toBe(200)
    const en = await send(org.admin.token, 'PATCH', url, { version: acc.body.version, name: 'B' })
    const zh = await send(org.admin.token, 'PATCH', url, { version: acc.body.version, name: 'B' }, 'zh-CN')
    expect(en.body.detail).toBe(
      'The account was changed by someone else since you read it; reload it and apply your change again',
    )
    expect(zh.body).toMatchObject({ status: 409, code: 'version_conflict', title: '冲突' })
    expect(zh.body.detail).toBe('客户在你读取后已被他人修改；请重新加载后再修改')
    // The record as it stands — background work (the segment) may have moved it on between the two answers.
    expect(zh.body.current).toMatchObject({ id: acc.body.id, name: 'A' })
    expect(zh.body.current.version).toBeGreaterThanOrEqual(en.body.current.version)
  })

  it('answers a person whose own language is zh-CN in Chinese, whatever the browser asks', async () => {
    const me = (await org.admin.get(`/api/v1/users/${org.sales2.userId}`)).body
    const set = await org.admin.patch(`/api/v1/users/${org.sales2.userId}`, {
      version: me.version,
      locale: 'zh-CN',
    })
    expect(set.status).toBe(200)
    const plain = await send(org.sales2.token, 'POST', '/api/v1/accounts', badAccount)
    const en = await send(org.sales2.token, 'POST', '/api/v1/accounts', badAccount, 'en')
    const english = await send(org.sales.token, 'POST', '/api/v1/accounts', badAccount)
    for (const r of [plain, en]) {
      expect(r.body.title).toBe('输入无效')
      expect(shape(r.body)).toEqual(shape(english.body))
    }
    expect(english.body.title).toBe('Invalid input')
  })

  it('answers in the language the web app shows (X-OpenKAM-Language) before the person’s own', async () => {
    // sales2's own language is zh-CN (the test above); the app on the screen is in English.
    const inApp = (lang: string, accept?: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: {
          authorization: `Bearer ${org.sales2.token}`,
          'x-openkam-language': lang,
          ...(accept ? { 'accept-language': accept } : {}),
        },
        payload: badAccount,
      })
    expect((await inApp('en')).json().title).toBe('Invalid input')
    expect((await inApp('en', 'zh-CN')).json().title).toBe('Invalid input')
    expect((await inApp('zh-CN', 'en')).json().title).toBe('输入无效')
    // A value the server does not speak is no choice: the person's own language holds.
    expect((await inApp('fr')).json().title).toBe('输入无效')
    const signedOut = await env.app.inject({
      url: '/api/v1/accounts',
      headers: { 'x-openkam-language': 'zh' },
    })
    expect(signedOut.json().title).toBe('未登录')
  })

  it('lets an API token ask with Accept-Language first', async () => {
    const created = await org.admin.post('/api/v1/api-tokens', { name: 'script' })
    expect(created.status).toBe(201)
    const token = created.body.token as string
    const en = await send(token, 'POST', '/api/v1/accounts', badAccount, 'en')
    const zh = await send(token, 'POST', '/api/v1/accounts', badAccount, 'zh-CN')
    expect(en.body.title).toBe('Invalid input')
    expect(zh.body.title).toBe('输入无效')
    expect(shape(zh.body)).toEqual(shape(en.body))
  })

  it('answers a caller who is not signed in by Accept-Language', async () => {
    const res = await env.app.inject({ url: '/api/v1/accounts', headers: { 'accept-language': 'zh-CN' } })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({
      code: 'unauthenticated',
      title: '未登录',
      detail: '请先登录：发送会话 Cookie 或 Authorization: Bearer 令牌',
    })
  })
})
