import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'

let env: TestEnv
let org: Org
let other: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
})
afterAll(() => env?.close())

describe('POST /users/:id/handover', () => {
  it("moves a leaving person's accounts, open opportunities and open tasks in one go, keeping history", async () => {
    const s = org.sales
    const acc = (await s.post('/api/v1/accounts', { name: 'Handed over' })).body
    const csmAcc = (
      await org.admin.post('/api/v1/accounts', {
        name: 'Looked after',
        ownerId: org.sales2.userId,
        csmId: s.userId,
      })
    ).body
    const open = (await s.post('/api/v1/opportunities', { accountId: acc.id, name: 'Open deal' })).body
    const won = (
      await s.post('/api/v1/opportunities', { accountId: acc.id, name: 'Won deal', status: 'won' })
    ).body
    const task = (
      await s.post('/api/v1/tasks', { title: 'Follow up', accountId: acc.id, assigneeId: s.userId })
    ).body
    const done = (await s.post('/api/v1/tasks', { title: 'Done one', accountId: acc.id, status: 'done' }))
      .body
    const act = (await s.post('/api/v1/activities', { accountId: acc.id, kind: 'call', subject: 'History' }))
      .body

    // The open deal's first-stage SOP tasks (two, from the rule engine) are open tasks of the person too.
    await waitFor(async () => {
      const t = (await s.get(`/api/v1/tasks?relatedId=${open.id}&source=sop`)).body.data
      return t.length === 2
    })

    const res = await org.admin.post(`/api/v1/users/${s.userId}/handover`, { toUserId: org.sales2.userId })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      fromUserId: s.userId,
      toUserId: org.sales2.userId,
      accounts: 2,
      opportunities: 1,
      tasks: 3,
    })

    const get = (url: string) => org.admin.get(url).then((r) => r.body)
    expect((await get(`/api/v1/accounts/${acc.id}`)).ownerId).toBe(org.sales2.userId)
    expect((await get(`/api/v1/accounts/${csmAcc.id}`)).csmId).toBe(org.sales2.userId)
    expect((await get(`/api/v1/opportunities/${open.id}`)).ownerId).toBe(org.sales2.userId)
    expect((await get(`/api/v1/opportunities/${won.id}`)).ownerId).toBe(s.userId)
    expect(await get(`/api/v1/tasks/${task.id}`)).toMatchObject({
      assigneeId: org.sales2.userId,
      ownerId: org.sales2.userId,
    })
    expect((await get(`/api/v1/tasks/${done.id}`)).ownerId).toBe(s.userId)
    // History stays with the account, still credited to the person who did it.
    expect(await get(`/api/v1/activities/${act.id}`)).toMatchObject({ accountId: acc.id, ownerId: s.userId })
    const audit = await get(`/api/v1/audit-log?entityId=${acc.id}&action=handover`)
    expect(audit.data[0]).toMatchObject({
      before: { ownerId: s.userId },
      after: { ownerId: org.sales2.userId },
    })
    // The new owner sees the account; the old one (own scope) no longer does.
    expect((await org.sales2.get(`/api/v1/accounts/${acc.id}`)).status).toBe(200)
    expect((await s.get(`/api/v1/accounts/${acc.id}`)).status).toBe(404)
  })

  it('lets a manager hand over within the team, and nobody else', async () => {
    expect(
      (await org.sales.post(`/api/v1/users/${org.sales2.userId}/handover`, { toUserId: org.sales.userId }))
        .status,
    ).toBe(403)
    expect(
      (
        await org.manager.post(`/api/v1/users/${org.sales2.userId}/handover`, {
          toUserId: org.outsider.userId,
        })
      ).status,
    ).toBe(403)
    expect(
      (await org.manager.post(`/api/v1/users/${org.sales2.userId}/handover`, { toUserId: org.sales.userId }))
        .status,
    ).toBe(200)
  })

  it('refuses unknown people and handing over to oneself, and changes nothing then', async () => {
    expect(
      (await org.admin.post(`/api/v1/users/${other.sales.userId}/handover`, { toUserId: org.sales.userId }))
        .status,
    ).toBe(404)
    const foreign = await org.admin.post(`/api/v1/users/${org.sales.userId}/handover`, {
      toUserId: other.sales.userId,
    })
    expect(foreign.status).toBe(400)
    expect(foreign.body.errors).toEqual([{ path: 'toUserId', message: 'no such user in this workspace' }])
    const self = await org.admin.post(`/api/v1/users/${org.sales.userId}/handover`, {
      toUserId: org.sales.userId,
    })
    expect(self.status).toBe(400)
  })
})
