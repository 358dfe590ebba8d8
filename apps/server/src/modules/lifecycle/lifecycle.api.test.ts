import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { systemPrincipal } from '../../core/access/permissions'
import { accounts } from '../accounts'
import { opportunities, opportunityWorkflow } from '../opportunities'

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

/** Marks a deal won: PATCH while allowed, else the close endpoint, else (not served yet) the workflow collection. */
async function winDeal(env: TestEnv, c: Caller, admin: Caller, id: string) {
  const opp = (await c.get(`/api/v1/opportunities/${id}`)).body
  const patched = await c.patch(`/api/v1/opportunities/${id}`, { version: opp.version, status: 'won' })
  if (patched.status === 200) return
  const pipelines = await admin.get('/api/v1/pipelines')
  const reason = pipelines.body?.data?.[0]?.winReasons?.[0] ?? 'other'
  const closed = await c.post(`/api/v1/opportunities/${id}/close`, { outcome: 'won', reason })
  if (closed.status === 404 && /No route/.test(closed.body?.detail ?? '')) {
    const db = env.rt.database.db
    const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id))
    const ctx = { ws: row!.workspaceId, principal: systemPrincipal(row!.workspaceId), events: env.rt.events }
    await db.transaction((tx) =>
      opportunityWorkflow.update(tx, ctx, id, { version: row!.version, status: 'won' }),
    )
  } else expect(closed.status, JSON.stringify(closed.body)).toBe(200)
}

describe('account lifecycle', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const stage = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}/lifecycle`)).body
  const stored = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}`)).body.lifecycleStage
  const settlesAt = (id: string, s: string) => waitFor(async () => (await stored(id)) === s)

  it('follows an account from nurturing to opportunity, delivery, value operations and renewal', async () => {
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Lifecycle Co', csmId: org.sales2.userId }))
      .body
    expect(await stage(a.id)).toMatchObject({ stage: 'lead_nurturing', reason: 'nothing_yet' })

    const opp = (await org.sales.post('/api/v1/opportunities', { accountId: a.id, name: 'First deal' })).body
    await settlesAt(a.id, 'opportunity')
    expect(await stage(a.id)).toMatchObject({
      stage: 'opportunity',
      reason: 'open_opportunity',
      facts: { openOpportunities: 1 },
    })

    await winDeal(env, org.sales, org.admin, opp.id)
    await settlesAt(a.id, 'delivery')
    expect((await stage(a.id)).reason).toBe('handoff_pending')

    // The handoff is completed and validated: a customer in value operations.
    const h = await waitFor(
      async () => (await org.sales.get(`/api/v1/handoffs?accountId=${a.id}`)).body.data[0],
    )
    const checklist = h.checklist.map((i: any) => ({ ...i, done: true }))
    expect(
      (await org.sales.patch(`/api/v1/handoffs/${h.id}`, { version: h.version, checklist })).status,
    ).toBe(200)
    expect((await org.sales.post(`/api/v1/handoffs/${h.id}/submit`)).status).toBe(200)
    expect((await org.sales2.post(`/api/v1/handoffs/${h.id}/validate`, {})).status).toBe(200)
    await settlesAt(a.id, 'value_operations')
    expect((await stage(a.id)).reason).toBe('recent_win')

    // A contract ending in 60 days: renewal.
    const c = await org.sales.post('/api/v1/contracts', {
      accountId: a.id,
      number: 'LC-1',
      amount: '1000',
      status: 'active',
      endDate: day(60),
    })
    expect(c.status).toBe(201)
    await settlesAt(a.id, 'renewal')
    expect((await stage(a.id)).reason).toBe('contract_ending')
    // The contract moves further out: value operations again, on its running contract.
    const later = await org.sales.patch(`/api/v1/contracts/${c.body.id}`, {
      version: c.body.version,
      endDate: day(400),
    })
    expect(later.status).toBe(200)
    await settlesAt(a.id, 'value_operations')
    expect((await stage(a.id)).reason).toBe('active_contract')
  })

  it('puts an account with open milestones in delivery', async () => {
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Milestone Co' })).body
    const m = await org.sales.post('/api/v1/milestones', {
      accountId: a.id,
      title: 'Go-live',
      dueDate: day(10),
    })
    expect(m.status).toBe(201)
    expect(m.body.status).toBe('pending')
    await settlesAt(a.id, 'delivery')
    expect((await stage(a.id)).reason).toBe('milestones_open')
  })

  it('recomputes every account with the nightly job, putting back stages set by hand', async () => {
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Hand Set Co' })).body
    await env.rt.database.db.update(accounts).set({ lifecycleStage: 'renewal' }).where(eq(accounts.id, a.id))
    expect((await org.sales.post('/api/v1/jobs/run', { job: 'lifecycle_recompute' })).status).toBe(403)
    const res = await org.admin.post('/api/v1/jobs/run', { job: 'lifecycle_recompute' })
    expect(res.status).toBe(200)
    expect(res.body.result.changed).toBeGreaterThanOrEqual(1)
    expect(await stored(a.id)).toBe('lead_nurturing')
    const again = await org.admin.post('/api/v1/jobs/run', { job: 'lifecycle_recompute' })
    expect(again.body.result.changed).toBe(0)
    const audit = (await org.admin.get(`/api/v1/audit-log?entityId=${a.id}&action=update`)).body.data
    expect(audit[0].after).toEqual({ lifecycleStage: 'lead_nurturing' })
  })

  it('answers 404 for an account the person cannot see', async () => {
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Private Co' })).body
    expect((await org.outsider.get(`/api/v1/accounts/${a.id}/lifecycle`)).status).toBe(404)
  })
})
