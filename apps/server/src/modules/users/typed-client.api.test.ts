import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOpenKamClient, type OpenKamClient } from '@openkam/client'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

/** packages/client against a server listening on a port, with a scoped API token (issue 20). */
describe('the typed client', () => {
  let env: TestEnv
  let org: Org
  let kam: OpenKamClient

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    await env.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = env.app.server.address() as { port: number }
    const token = await org.sales.post('/api/v1/api-tokens', {
      name: 'client test',
      scopes: { accounts: 'write', contacts: 'read' },
    })
    expect(token.status).toBe(201)
    kam = createOpenKamClient({ baseUrl: `http://127.0.0.1:${port}/`, token: token.body.token })
  }, 60_000)
  afterAll(() => env?.close())

  it('creates and lists accounts, and gets a typed 403 outside the token’s scopes', async () => {
    const made = await kam.POST('/api/v1/accounts', { body: { name: 'Typed Client Co', tier: 'strategic' } })
    expect(made.response.status).toBe(201)
    const id: string | undefined = made.data?.id
    expect(made.data?.name).toBe('Typed Client Co')

    const list = await kam.GET('/api/v1/accounts', { params: { query: { q: 'Typed Client', limit: 10 } } })
    expect(list.error).toBeUndefined()
    expect(list.data?.data.map((a) => a.id)).toEqual([id])

    const contacts = await kam.GET('/api/v1/contacts', { params: { query: { limit: 5 } } })
    expect(contacts.response.status).toBe(200)

    const refused = await kam.POST('/api/v1/contacts', { body: { name: 'Nope', accountId: id! } })
    expect(refused.response.status).toBe(403)
    expect(refused.data).toBeUndefined()
    const problem: { code: string; detail: string } | undefined = refused.error
    expect(problem).toMatchObject({
      code: 'token_scope',
      detail: 'This token may only read and write accounts; read contacts',
    })

    const tasks = await kam.GET('/api/v1/tasks', {})
    expect(tasks.response.status).toBe(403)
  })
})
