import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let accountId: string

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  accountId = (await org.admin.post('/api/v1/accounts', { name: 'Numbered Ltd' })).body.id
})
afterAll(() => env?.close())

describe('ticket numbers', () => {
  it('gives each new ticket the next number of its workspace, also when created at the same time', async () => {
    const first = await org.admin.post('/api/v1/tickets', { accountId, subject: 'First' })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.number).toBe('TK-10001')
    const many = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        org.admin.post('/api/v1/tickets', { accountId, subject: `Burst ${i}` }),
      ),
    )
    expect(many.map((r) => r.status)).toEqual(Array(6).fill(201))
    expect(many.map((r) => r.body.number).sort()).toEqual([
      'TK-10002',
      'TK-10003',
      'TK-10004',
      'TK-10005',
      'TK-10006',
      'TK-10007',
    ])
    // Another workspace counts on its own.
    const other = await makeOrg(env)
    const acc = (await other.admin.post('/api/v1/accounts', { name: 'Other Ltd' })).body.id
    expect(
      (await other.admin.post('/api/v1/tickets', { accountId: acc, subject: 'Theirs' })).body.number,
    ).toBe('TK-10001')
  })

  it('keeps the number read-only and finds a ticket by it', async () => {
    const t = await org.admin.post('/api/v1/tickets', { accountId, subject: 'Fixed', number: 'TK-1' })
    expect(t.status).toBe(400)
    const made = await org.admin.post('/api/v1/tickets', { accountId, subject: 'Findable' })
    const patch = await org.admin.patch(`/api/v1/tickets/${made.body.id}`, { version: 1, number: 'TK-2' })
    expect(patch.status).toBe(400)
    const found = await org.admin.get(`/api/v1/tickets?q=${made.body.number}`)
    expect(found.body.data.map((r: any) => r.id)).toEqual([made.body.id])
  })
})
