import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import {
  loginAs,
  makeOrg,
  PASSWORD,
  startTestApp,
  type Caller,
  type Org,
  type TestEnv,
  waitFor,
} from '../../../test/harness'
import { outbox } from '../../core/events/outbox.table'
import type { DomainEvent } from '../../core/events/types'
import { systemPrincipal } from '../../core/access/permissions'
import { opportunities, opportunityWorkflow } from '../opportunities'
import { handoffOnWonHandler } from './handoff.handler'
import { handoffs } from './handoff.table'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const settle = () => new Promise((r) => setTimeout(r, 1500))

/**
 * Marks a deal won the way a person does: PATCH while that is allowed, else the close endpoint with the
 * pipeline's first win reason; while that endpoint is not served (404), through the opportunities
 * module's workflow collection, which is what the close endpoint writes with.
 */
async function winDeal(env: TestEnv, c: Caller, admin: Caller, id: string) {
  const opp = (await c.get(`/api/v1/opportunities/${id}`)).body
  const patched = await c.patch(`/api/v1/opportunities/${id}`, { version: opp.version, status: 'won' })
  if (patched.status !== 200) {
    const pipelines = await admin.get('/api/v1/pipelines')
    const reason = pipelines.body?.data?.[0]?.winReasons?.[0] ?? 'other'
    const closed = await c.post(`/api/v1/opportunities/${id}/close`, { outcome: 'won', reason })
    if (closed.status === 404 && closed.body?.code === 'not_found' && /No route/.test(closed.body.detail)) {
      const ws = await wsOf(env, id)
      const ctx = { ws, principal: systemPrincipal(ws), events: env.rt.events }
      await env.rt.database.db.transaction((tx) =>
        opportunityWorkflow.update(tx, ctx, id, { version: opp.version, status: 'won' }),
      )
    } else expect(closed.status, JSON.stringify(closed.body)).toBe(200)
  }
  const won = (await c.get(`/api/v1/opportunities/${id}`)).body
  expect(won.status).toBe('won')
  return won
}

const wsOf = async (env: TestEnv, oppId: string) =>
  (
    await env.rt.database.db
      .select({ ws: opportunities.workspaceId })
      .from(opportunities)
      .where(eq(opportunities.id, oppId))
  )[0]!.ws

describe('sales → CSM handoffs', () => {
  let env: TestEnv
  let org: Org
  let csm: Caller
  let n = 0

  /** An account of `sales` looked after by the CSM, and an open deal on it. */
  async function deal() {
    n++
    const account = (await org.sales.post('/api/v1/accounts', { name: `Handoff Co ${n}`, csmId: csm.userId }))
      .body
    const opp = await org.sales.post('/api/v1/opportunities', {
      accountId: account.id,
      name: `Deal ${n}`,
      amount: '100000',
    })
    expect(opp.status, JSON.stringify(opp.body)).toBe(201)
    return { account, opp: opp.body }
  }

  const handoffOf = (oppId: string) =>
    waitFor(async () => (await org.sales.get(`/api/v1/handoffs?opportunityId=${oppId}`)).body.data[0])

  async function wonHandoff() {
    const d = await deal()
    const won = await winDeal(env, org.sales, org.admin, d.opp.id)
    return { ...d, won, handoff: await handoffOf(d.opp.id) }
  }

  const fill = async (h: any, skip: string[] = []) => {
    const checklist = h.checklist.map((i: any) => ({
      ...i,
      value: `${i.key} written down`,
      done: !skip.includes(i.key),
    }))
    const res = await org.sales.patch(`/api/v1/handoffs/${h.id}`, { version: h.version, checklist })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const u = await org.admin.post('/api/v1/users', {
      email: `csm@${org.slug}.test`,
      name: 'csm',
      password: PASSWORD,
      roles: ['csm'],
    })
    expect(u.status).toBe(201)
    // The CSM's manager is the executive (a team of their own), so escalations reach someone else.
    await org.admin.post('/api/v1/teams', {
      name: 'Customer success',
      managerId: org.executive.userId,
      memberIds: [u.body.id],
    })
    csm = await loginAs(env.app, `csm@${org.slug}.test`)
  }, 60_000)
  afterAll(() => env?.close())

  it('ships the two escalation rules with every new workspace', async () => {
    const rules = (await org.admin.get('/api/v1/rules?limit=50')).body.data
    const byKey = Object.fromEntries(rules.map((r: any) => [r.template, r]))
    expect(byKey.handoff_overdue).toMatchObject({
      enabled: true,
      trigger: { kind: 'field_changed', entity: 'handoff', field: 'escalatedAt' },
    })
    expect(byKey.handoff_validation_overdue).toMatchObject({
      enabled: true,
      trigger: { kind: 'field_changed', entity: 'handoff', field: 'validationEscalatedAt' },
    })
  })

  it('opens one handoff due exactly 72 hours after the deal is won, however often the event comes or the deal is saved', async () => {
    const { account, opp, won, handoff } = await wonHandoff()
    expect(new Date(handoff.dueAt).getTime() - new Date(won.wonAt).getTime()).toBe(72 * HOUR)
    expect(handoff).toMatchObject({
      accountId: account.id,
      opportunityId: opp.id,
      salesOwnerId: org.sales.userId,
      csmId: csm.userId,
      ownerId: org.sales.userId,
      status: 'open',
      submittedAt: null,
      escalatedAt: null,
    })
    expect(handoff.checklist.map((i: any) => i.key)).toEqual([
      'decision_chain',
      'core_needs',
      'pain_points',
      'competitors',
      'commitments',
      'contract_scope',
      'success_criteria',
      'key_contacts',
      'risks',
      'timeline',
    ])
    expect(handoff.checklist.every((i: any) => i.done === false && i.value === null && i.label)).toBe(true)

    // The deal saved again, and the won event delivered a second time: still one handoff.
    const again = await org.sales.patch(`/api/v1/opportunities/${opp.id}`, {
      version: won.version,
      description: 'Signed on the 3rd',
    })
    expect(again.status).toBe(200)
    const db = env.rt.database.db
    const events = (await db.select().from(outbox).where(eq(outbox.entityId, opp.id))).filter(
      (e) => (e.payload as any).record?.status === 'won' && (e.payload as any).changed?.includes('status'),
    )
    expect(events).toHaveLength(1)
    const event = { ...events[0]!, occurredAt: events[0]!.createdAt.toISOString() } as unknown as DomainEvent
    const handler = handoffOnWonHandler({ events: env.rt.events, jobs: env.rt.jobs })
    await db.transaction((tx) => handler.handle(tx, event))
    await settle()
    const all = await db.select().from(handoffs).where(eq(handoffs.opportunityId, opp.id))
    expect(all).toHaveLength(1)
    expect(all[0]!.dueAt.getTime()).toBe(new Date(handoff.dueAt).getTime())
  })

  it('refuses to submit until every item is done; the CSM then validates within 30 days', async () => {
    const { handoff } = await wonHandoff()
    const none = await org.sales.post(`/api/v1/handoffs/${handoff.id}/submit`)
    expect(none.status).toBe(422)
    expect(none.body.code).toBe('handoff_incomplete')
    expect(none.body.missing).toHaveLength(10)

    const almost = await fill(handoff, ['risks'])
    const one = await org.sales.post(`/api/v1/handoffs/${handoff.id}/submit`)
    expect(one.status).toBe(422)
    expect(one.body.missing).toEqual(['risks'])
    expect(one.body.errors).toEqual([{ path: 'checklist.8.done', message: expect.stringContaining('Risks') }])
    expect((await csm.post(`/api/v1/handoffs/${handoff.id}/validate`, {})).status).toBe(409)

    const full = await fill(almost)
    expect((await csm.post(`/api/v1/handoffs/${handoff.id}/submit`)).status).toBe(403)
    const submitted = await org.sales.post(`/api/v1/handoffs/${handoff.id}/submit`)
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body).toMatchObject({ status: 'submitted', ownerId: csm.userId })
    expect(
      new Date(submitted.body.validationDueAt).getTime() - new Date(submitted.body.submittedAt).getTime(),
    ).toBe(30 * DAY)
    expect(full.checklist.every((i: any) => i.done)).toBe(true)
    expect((await org.sales.post(`/api/v1/handoffs/${handoff.id}/submit`)).status).toBe(409)
    // The sales owner still sees the handoff after it passed to the CSM.
    expect((await org.sales.get(`/api/v1/handoffs/${handoff.id}`)).status).toBe(200)
    const told = (await csm.get('/api/v1/inbox')).body.notifications
    expect(told.some((x: any) => x.relatedId === handoff.id && x.link === `/handoffs/${handoff.id}`)).toBe(
      true,
    )

    expect((await org.sales.post(`/api/v1/handoffs/${handoff.id}/validate`, {})).status).toBe(403)
    const validated = await csm.post(`/api/v1/handoffs/${handoff.id}/validate`, {
      comment: 'Needs confirmed',
    })
    expect(validated.status).toBe(200)
    expect(validated.body).toMatchObject({ status: 'validated', validationComment: 'Needs confirmed' })
    expect(new Date(validated.body.validatedAt).getTime()).toBeLessThanOrEqual(
      new Date(validated.body.validationDueAt).getTime(),
    )
    expect((await csm.post(`/api/v1/handoffs/${handoff.id}/validate`, {})).status).toBe(409)
    const locked = await org.sales.patch(`/api/v1/handoffs/${handoff.id}`, {
      version: validated.body.version,
      checklist: [],
    })
    expect(locked.status).toBe(400)
  })

  it('escalates an overdue handoff once however often the scan runs, into the sales owner’s and the manager’s inboxes', async () => {
    const { handoff, account } = await wonHandoff()
    const late = await org.sales.patch(`/api/v1/handoffs/${handoff.id}`, {
      version: handoff.version,
      dueAt: new Date(Date.now() - HOUR).toISOString(),
    })
    expect(late.status).toBe(200)
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await org.admin.post('/api/v1/jobs/run', { job: 'handoffs_scan' }))
    runs.push(
      ...(await Promise.all([1, 2].map(() => org.admin.post('/api/v1/jobs/run', { job: 'handoffs_scan' })))),
    )
    expect(runs.every((r) => r.status === 200)).toBe(true)
    expect(runs.reduce((s, r) => s + r.body.result.handoffsEscalated, 0)).toBe(1)
    const escalated = (await org.sales.get(`/api/v1/handoffs/${handoff.id}`)).body
    expect(escalated.escalatedAt).not.toBeNull()

    const rule = (await org.admin.get('/api/v1/rules?limit=50')).body.data.find(
      (r: any) => r.template === 'handoff_overdue',
    )
    const ruleRuns = async () =>
      (await org.admin.get(`/api/v1/rule-runs?ruleId=${rule.id}&entityId=${handoff.id}`)).body.data
    await waitFor(async () => (await ruleRuns()).length >= 1)
    await org.admin.post('/api/v1/jobs/run', { job: 'handoffs_scan' })
    await settle()
    const fired = await ruleRuns()
    expect(fired).toHaveLength(1)
    expect(fired[0]).toMatchObject({ status: 'succeeded' })

    for (const who of [org.sales, org.manager]) {
      const mine = (await who.get('/api/v1/inbox')).body.notifications.filter(
        (x: any) => x.relatedId === handoff.id,
      )
      expect(mine).toHaveLength(1)
      expect(mine[0].subject).toBe(`Handoff overdue: ${account.name}`)
      expect(mine[0].link).toBe(`/handoffs/${handoff.id}`)
    }
    // Not the CSM: the sales owner missed this deadline.
    expect(
      (await csm.get('/api/v1/inbox')).body.notifications.some(
        (x: any) => x.relatedId === handoff.id && x.subject.startsWith('Handoff overdue'),
      ),
    ).toBe(false)
  })

  it('escalates a validation the CSM let slip once, to the CSM and their manager', async () => {
    const { handoff, account } = await wonHandoff()
    await fill(handoff)
    expect((await org.sales.post(`/api/v1/handoffs/${handoff.id}/submit`)).status).toBe(200)
    await env.rt.database.db
      .update(handoffs)
      .set({ validationDueAt: new Date(Date.now() - HOUR) })
      .where(eq(handoffs.id, handoff.id))
    let escalatedNow = 0
    for (let i = 0; i < 3; i++)
      escalatedNow += (await org.admin.post('/api/v1/jobs/run', { job: 'handoffs_scan' })).body.result
        .validationsEscalated
    expect(escalatedNow).toBe(1)
    for (const who of [csm, org.executive]) {
      const mine = await waitFor(async () => {
        const list = (await who.get('/api/v1/inbox')).body.notifications.filter(
          (x: any) => x.relatedId === handoff.id && x.subject.startsWith('Handoff validation overdue'),
        )
        return list.length ? list : null
      })
      await settle()
      expect(mine).toHaveLength(1)
      expect(mine[0].subject).toBe(`Handoff validation overdue: ${account.name}`)
    }
    const h = (await csm.get(`/api/v1/handoffs/${handoff.id}`)).body
    expect(h.validationEscalatedAt).not.toBeNull()
    expect(h.escalatedAt).toBeNull()
  })

  it('lets administrators change the checklist and deadlines; new handoffs start with them', async () => {
    const s = await org.sales.get('/api/v1/handoff-settings')
    expect(s.status).toBe(200)
    expect(s.body).toMatchObject({ dueHours: 72, validationDays: 30, version: 1 })
    expect(s.body.checklist[0]).toEqual({
      key: 'decision_chain',
      label: 'Decision chain: who decided, who signs, who can block',
    })
    const change = {
      version: 1,
      checklist: [
        { key: 'org_chart', label: 'Org chart' },
        { key: 'scope', label: 'Scope' },
      ],
      dueHours: 48,
    }
    expect((await org.sales.put('/api/v1/handoff-settings', change)).status).toBe(403)
    const dup = await org.admin.put('/api/v1/handoff-settings', {
      ...change,
      checklist: [...change.checklist, { key: 'scope', label: 'Again' }],
    })
    expect(dup.status).toBe(400)
    const saved = await org.admin.put('/api/v1/handoff-settings', change)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ version: 2, dueHours: 48, validationDays: 30 })
    expect((await org.admin.put('/api/v1/handoff-settings', change)).status).toBe(409)

    const { won, handoff } = await wonHandoff()
    expect(handoff.checklist).toEqual([
      { key: 'org_chart', label: 'Org chart', value: null, done: false },
      { key: 'scope', label: 'Scope', value: null, done: false },
    ])
    expect(new Date(handoff.dueAt).getTime() - new Date(won.wonAt).getTime()).toBe(48 * HOUR)
  })
})
