import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Caller, type Org, type TestEnv } from '../../../test/harness'
import { and, eq } from 'drizzle-orm'
import { notificationTables } from '../notifications'
import { scanApprovalDeadlines } from './approval.scan'

const HOUR = 3_600_000

describe('approvals', () => {
  let env: TestEnv
  let org: Org
  let n = 0
  let flows: string[] = []

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    // The executive manages the sales manager (for manager levels and escalation).
    const lead = await org.admin.post('/api/v1/teams', {
      name: 'Leadership',
      managerId: org.executive.userId,
      memberIds: [org.manager.userId, org.executive.userId],
    })
    expect(lead.status, JSON.stringify(lead.body)).toBe(201)
  }, 60_000)
  afterAll(async () => env?.close())
  // Each test's flows go off after it, so the next one meets only its own.
  afterEach(async () => {
    for (const id of flows) {
      const f = (await org.admin.get(`/api/v1/approval-flows/${id}`)).body
      if (f.enabled)
        await org.admin.patch(`/api/v1/approval-flows/${id}`, { version: f.version, enabled: false })
    }
    flows = []
  })

  async function contract(by: Caller = org.sales, amount = '200000', extra: Record<string, unknown> = {}) {
    n++
    const account = (await by.post('/api/v1/accounts', { name: `Approval Co ${n}` })).body
    const c = await by.post('/api/v1/contracts', {
      accountId: account.id,
      number: `AP-${n}`,
      amount,
      status: 'draft',
      ...extra,
    })
    expect(c.status, JSON.stringify(c.body)).toBe(201)
    return c.body
  }

  /** A flow for contracts of this test only (by the number's prefix), replacing the others by priority. */
  async function flow(body: Record<string, unknown>) {
    const res = await org.admin.post('/api/v1/approval-flows', {
      name: `Flow ${++n}`,
      object: 'contracts',
      priority: 1,
      outcome: { field: 'status', pending: 'pending_approval', approved: 'approved', rejected: 'draft' },
      ...body,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    flows.push(res.body.id)
    return res.body
  }

  const contractFlow = () =>
    flow({
      steps: [
        { name: 'Manager', mode: 'all', approvers: [{ kind: 'manager' }] },
        {
          name: 'Finance',
          mode: 'any',
          approvers: [{ kind: 'role', role: 'finance' }],
          condition: { all: [{ field: 'amount', op: 'gte', value: 1_000_000 }] },
        },
      ],
      lockedFields: ['amount', 'endDate'],
    })

  it('refuses a flow naming an object, field, role or person that does not exist', async () => {
    const bad = (body: Record<string, unknown>) =>
      org.admin.post('/api/v1/approval-flows', {
        name: 'Bad',
        object: 'contracts',
        steps: [{ name: 'x', approvers: [{ kind: 'manager' }] }],
        ...body,
      })
    expect((await bad({ object: 'spaceships' })).body.errors[0]).toMatchObject({ path: 'object' })
    const field = await bad({ condition: { all: [{ field: 'wingspan', op: 'gt', value: 1 }] } })
    expect(field.status).toBe(400)
    expect(field.body.errors[0].message).toContain('wingspan')
    const role = await bad({ steps: [{ name: 'x', approvers: [{ kind: 'role', role: 'astronaut' }] }] })
    expect(role.body.errors[0].message).toContain('astronaut')
    const nOfM = await bad({ steps: [{ name: 'x', mode: 'n_of_m', approvers: [{ kind: 'manager' }] }] })
    expect(nOfM.status).toBe(400)
    const mine = await org.sales.post('/api/v1/approval-flows', {
      name: 'Mine',
      object: 'contracts',
      steps: [{ name: 'x', approvers: [{ kind: 'manager' }] }],
    })
    expect(mine.status).toBe(403)
  })

  it('runs a contract through its manager and finance: locked while pending, approved at the end, every step in the history and the audit', async () => {
    await contractFlow()
    const c = await contract(org.sales, '1500000')
    const submitted = await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201)
    const a = submitted.body
    expect(a).toMatchObject({
      status: 'pending',
      currentStep: 0,
      submittedBy: org.sales.userId,
      recordName: c.number,
    })
    expect(a.steps.map((s: any) => [s.status, s.approverIds])).toEqual([
      ['pending', [org.manager.userId]],
      ['waiting', [org.finance.userId]],
    ])
    expect(a.canDecide).toEqual([org.manager.userId])
    let rec = (await org.sales.get(`/api/v1/contracts/${c.id}`)).body
    expect(rec.status).toBe('pending_approval')

    expect((await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).status).toBe(
      409,
    )
    const locked = await org.sales.patch(`/api/v1/contracts/${c.id}`, { version: rec.version, amount: '1' })
    expect(locked.status).toBe(422)
    expect(locked.body).toMatchObject({ code: 'approval_pending' })
    expect(locked.body.errors[0].path).toBe('amount')
    const notes = await org.sales.patch(`/api/v1/contracts/${c.id}`, {
      version: rec.version,
      notes: 'call legal',
    })
    expect(notes.status, JSON.stringify(notes.body)).toBe(200)
    expect((await org.sales.del(`/api/v1/contracts/${c.id}`)).body.code).toBe('approval_pending')

    const stranger = await org.sales2.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(stranger.status).toBe(404)
    const notMine = await org.finance.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(notMine.status).toBe(403)
    expect(notMine.body.code).toBe('not_an_approver')

    const mine = await org.manager.get('/api/v1/approvals?approver=me&status=pending')
    expect(mine.body.data.map((x: any) => x.id)).toContain(a.id)
    const badFile = await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, {
      decision: 'approve',
      fileIds: ['01a24791-0000-7000-8000-000000000000'],
    })
    expect(badFile.status).toBe(400)
    expect(badFile.body.errors[0].path).toBe('fileIds')
    const b = `----approval${n}`
    const up = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: {
        authorization: `Bearer ${org.manager.token}`,
        'content-type': `multipart/form-data; boundary=${b}`,
      },
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="terms.pdf"\r\n\r\n`),
        Buffer.from('%PDF-1.7\n' + 'reviewed terms\n'.repeat(20)),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    })
    expect(up.statusCode, up.body).toBe(201)
    const fileId = up.json().id
    const theirs = await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: {
        authorization: `Bearer ${org.finance.token}`,
        'content-type': `multipart/form-data; boundary=${b}`,
      },
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="other.pdf"\r\n\r\n`),
        Buffer.from('%PDF-1.7\n' + 'finance notes\n'.repeat(20)),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    })
    expect(theirs.statusCode, theirs.body).toBe(201)
    const othersFile = await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, {
      decision: 'approve',
      fileIds: [theirs.json().id],
    })
    expect(othersFile.status).toBe(400)
    const step1 = await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, {
      decision: 'approve',
      comment: 'ok',
      fileIds: [fileId],
    })
    expect(step1.status, JSON.stringify(step1.body)).toBe(200)
    expect(step1.body).toMatchObject({ status: 'pending', currentStep: 1, canDecide: [org.finance.userId] })
    expect(
      (await org.manager.get('/api/v1/approvals?approver=me&status=pending')).body.data.map((x: any) => x.id),
    ).not.toContain(a.id)
    const done = await org.finance.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'approved', currentStep: null })
    expect(done.body.steps[0].decisions[0]).toMatchObject({
      userId: org.manager.userId,
      decision: 'approve',
      comment: 'ok',
      fileIds: [fileId],
    })
    rec = (await org.sales.get(`/api/v1/contracts/${c.id}`)).body
    expect(rec.status).toBe('approved')
    // The file attached to the decision: read by the request's people, no one else.
    expect((await org.sales.get(`/api/v1/files/${fileId}`)).status).toBe(200)
    expect((await org.finance.get(`/api/v1/files/${fileId}`)).status).toBe(200)
    expect((await org.outsider.get(`/api/v1/files/${fileId}`)).status).toBe(404)

    const history = (await org.sales.get(`/api/v1/approvals/${a.id}`)).body
    expect(history.steps.map((s: any) => s.status)).toEqual(['approved', 'approved'])
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=approval&entityId=${a.id}`)).body.data
    expect(audit.map((e: any) => e.action).sort()).toEqual(['approve', 'approve', 'submit'])
  })

  it('refuses to set a governed status by hand, and to submit where no flow applies', async () => {
    await contractFlow()
    const c = await contract()
    const byHand = await org.sales.patch(`/api/v1/contracts/${c.id}`, {
      version: c.version,
      status: 'approved',
    })
    expect(byHand.status).toBe(422)
    expect(byHand.body.code).toBe('approval_required')
    const created = await org.sales.post('/api/v1/contracts', {
      accountId: c.accountId,
      number: `AP-x${n}`,
      amount: '5',
      status: 'pending_approval',
    })
    expect(created.body.code).toBe('approval_required')
    const active = await org.sales.patch(`/api/v1/contracts/${c.id}`, {
      version: c.version,
      status: 'active',
    })
    expect(active.status).toBe(200)
    const quote = await org.sales.post('/api/v1/quotes', {
      accountId: c.accountId,
      number: `Q-${n}`,
      amount: '5',
    })
    const none = await org.sales.post('/api/v1/approvals', { object: 'quotes', recordId: quote.body.id })
    expect(none.status).toBe(422)
    expect(none.body.code).toBe('no_approval_flow')
  })

  it('returns a rejected contract to draft with the reason, and a recalled one too', async () => {
    await contractFlow()
    const c = await contract(org.sales, '1200000')
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    const bare = await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'reject' })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].path).toBe('comment')
    const no = await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, {
      decision: 'reject',
      comment: 'Price too low',
    })
    expect(no.body).toMatchObject({ status: 'rejected' })
    const decided = (await org.manager.get('/api/v1/approvals?approver=me&status=decided')).body.data
    expect(decided.map((x: any) => x.id)).toContain(a.id)
    expect(decided.every((x: any) => x.status !== 'pending')).toBe(true)
    expect(no.body.steps[1].status).toBe('cancelled')
    expect((await org.sales.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('draft')

    const again = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    expect((await org.manager.post(`/api/v1/approvals/${again.id}/recall`)).status).toBe(403)
    const recalled = await org.sales.post(`/api/v1/approvals/${again.id}/recall`)
    expect(recalled.body.status).toBe('recalled')
    expect((await org.sales.get(`/api/v1/contracts/${c.id}`)).body.status).toBe('draft')
    expect(
      (await org.manager.post(`/api/v1/approvals/${again.id}/decisions`, { decision: 'approve' })).status,
    ).toBe(409)
  })

  it('resolves managers two levels up, a team’s manager and role holders, and completes n of m', async () => {
    await flow({
      steps: [
        { name: 'Chain', mode: 'all', approvers: [{ kind: 'manager', levels: 2 }] },
        { name: 'Team', mode: 'any', approvers: [{ kind: 'team_manager' }] },
        { name: 'Two sellers', mode: 'n_of_m', n: 2, approvers: [{ kind: 'role', role: 'sales' }] },
      ],
    })
    const c = await contract()
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    expect(a.steps[0].approverIds.sort()).toEqual([org.manager.userId, org.executive.userId].sort())
    expect(a.steps[1].approverIds).toEqual([org.manager.userId])
    // The submitter never approves their own request.
    expect(a.steps[2].approverIds.sort()).toEqual(
      (await org.admin.get('/api/v1/users?limit=100')).body.data
        .filter((u: any) => u.roles?.includes('sales') && u.id !== org.sales.userId)
        .map((u: any) => u.id)
        .sort(),
    )
    for (const who of [org.manager, org.executive])
      expect((await who.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })).status).toBe(
        200,
      )
    await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    const one = await org.sales2.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(one.body).toMatchObject({ status: 'pending', currentStep: 2 })
    const two = await org.outsider.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(two.body).toMatchObject({ status: 'approved' })
  })

  it('lets a delegate decide for an approver away, shown as X for Y', async () => {
    await contractFlow()
    const c = await contract()
    const now = Date.now()
    const put = await org.manager.put('/api/v1/me/delegation', {
      toUserId: org.sales2.userId,
      from: new Date(now - HOUR).toISOString(),
      until: new Date(now + 24 * HOUR).toISOString(),
    })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body).toMatchObject({ toUserId: org.sales2.userId, active: true })
    expect(
      (await org.manager.put('/api/v1/me/delegation', { ...put.body, toUserId: org.manager.userId })).status,
    ).toBe(400)
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    expect(a.canDecide.sort()).toEqual([org.manager.userId, org.sales2.userId].sort())
    const d = await org.sales2.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(d.status, JSON.stringify(d.body)).toBe(200)
    expect(d.body.steps[0].decisions[0]).toMatchObject({
      userId: org.sales2.userId,
      onBehalfOf: org.manager.userId,
    })
    expect(d.body.status).toBe('approved')
    expect((await org.manager.del('/api/v1/me/delegation')).status).toBe(204)
    expect((await org.manager.get('/api/v1/me/delegation')).body).toBeNull()
  })

  it('reminds at 75% of the deadline and escalates to the approver’s manager once it passes', async () => {
    await flow({ steps: [{ name: 'Manager', approvers: [{ kind: 'manager' }], deadlineHours: 10 }] })
    const c = await contract()
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    const at = (h: number) => new Date(Date.parse(a.submittedAt) + h * HOUR)
    const scan = (h: number) =>
      scanApprovalDeadlines(env.rt.database.db, env.rt.events, env.rt.jobs, org.wsId, at(h))
    expect(await scan(5)).toEqual({ reminded: 0, escalated: 0 })
    expect(await scan(8)).toEqual({ reminded: 1, escalated: 0 })
    expect(await scan(9)).toEqual({ reminded: 0, escalated: 0 })
    expect(await scan(11)).toEqual({ reminded: 0, escalated: 1 })
    expect(await scan(30)).toEqual({ reminded: 0, escalated: 0 })
    const after = (await org.sales.get(`/api/v1/approvals/${a.id}`)).body
    expect(after.steps[0].escalatedTo).toEqual([org.executive.userId])
    expect(after.canDecide.sort()).toEqual([org.manager.userId, org.executive.userId].sort())
    const up = await org.executive.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    expect(up.body.status).toBe('approved')
    const inbox = (await org.executive.get('/api/v1/notifications?limit=50')).body.data
    expect(inbox.some((x: any) => x.relatedId === a.id)).toBe(true)
  })

  it('takes one decision at a time: when two approvers of an any-step decide at once, exactly one completes it', async () => {
    await flow({
      steps: [
        {
          name: 'Either',
          mode: 'any',
          approvers: [
            { kind: 'user', userId: org.manager.userId },
            { kind: 'user', userId: org.executive.userId },
          ],
        },
      ],
    })
    const c = await contract()
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    const both = await Promise.all(
      [org.manager, org.executive].map((who) =>
        who.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' }),
      ),
    )
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    const final = (await org.sales.get(`/api/v1/approvals/${a.id}`)).body
    expect(final.status).toBe('approved')
    expect(final.steps[0].decisions).toHaveLength(1)
  })

  it('measures how long approvals take, per flow and step', async () => {
    const before = (await org.admin.get('/api/v1/reports/approval-cycle-times')).body
    expect(before.flows.every((f: any) => typeof f.decided === 'number')).toBe(true)
    await flow({ name: 'Timed', steps: [{ name: 'Manager', approvers: [{ kind: 'manager' }] }] })
    const c = await contract()
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    const r = await org.admin.get('/api/v1/reports/approval-cycle-times')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const timed = r.body.flows.find((f: any) => f.flowName === 'Timed')
    expect(timed).toMatchObject({ decided: 1, approved: 1, rejected: 0, pending: 0 })
    expect(timed.avgHours).toBeGreaterThanOrEqual(0)
    expect(timed.steps).toEqual([expect.objectContaining({ name: 'Manager', completed: 1 })])
    // A salesperson sees only their own contracts, so no flow's figures.
    expect((await org.sales.get('/api/v1/reports/approval-cycle-times')).body.flows).toEqual([])
  })

  it('lets an approver decide from the e-mailed link without signing in, once, while the step waits', async () => {
    await contractFlow()
    const robot = await org.admin.post('/api/v1/webhooks', {
      name: 'Sales group',
      kind: 'wecom',
      url: 'http://127.0.0.1:9/r',
    })
    expect(robot.status, JSON.stringify(robot.body)).toBe(201)
    const c = await contract()
    const a = (await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.id })).body
    const n = notificationTables.notifications
    const [mail] = await env.rt.database.db
      .select()
      .from(n)
      .where(and(eq(n.relatedId, a.id), eq(n.channel, 'email'), eq(n.userId, org.manager.userId)))
    const [group] = await env.rt.database.db
      .select()
      .from(n)
      .where(and(eq(n.relatedId, a.id), eq(n.channel, 'wecom'), eq(n.userId, org.manager.userId)))
    expect(group!.link).toContain(`/approvals/${a.id}`)
    await org.admin.patch(`/api/v1/webhooks/${robot.body.id}`, {
      version: robot.body.version,
      enabled: false,
    })
    expect(mail!.link).toMatch(/^\/approve\/[\w-]{20,}$/)
    const token = mail!.link!.split('/').pop()!
    const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
      env.app.inject({ method, url, ...(payload ? { payload } : {}) })
    const view = await anonymous('GET', `/api/v1/public/approvals/${token}`)
    expect(view.statusCode, view.body).toBe(200)
    expect(view.json()).toMatchObject({
      approvalId: a.id,
      stepName: 'Manager',
      approverName: 'manager',
      recordName: c.number,
    })
    const bare = await anonymous('POST', `/api/v1/public/approvals/${token}/decision`, { decision: 'reject' })
    expect(bare.statusCode).toBe(400)
    const ok = await anonymous('POST', `/api/v1/public/approvals/${token}/decision`, { decision: 'approve' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ approvalId: a.id, decision: 'approve', status: 'approved' })
    expect((await anonymous('GET', `/api/v1/public/approvals/${token}`)).json().code).toBe(
      'approval_link_used',
    )
    expect(
      (await anonymous('POST', `/api/v1/public/approvals/${token}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(410)
    expect((await anonymous('GET', '/api/v1/public/approvals/not-a-real-token-at-all')).statusCode).toBe(404)
    const d = (await org.sales.get(`/api/v1/approvals/${a.id}`)).body.steps[0].decisions[0]
    expect(d).toMatchObject({ userId: org.manager.userId, decision: 'approve' })
  })

  it('starts an approval from a rule, and runs rules on approval events', async () => {
    await contractFlow()
    const starts = await org.admin.post('/api/v1/rules', {
      name: 'Big drafts go to approval',
      trigger: { kind: 'field_changed', entity: 'contract', field: 'notes', to: 'ready' },
      actions: [{ type: 'start_approval' }],
    })
    expect(starts.status, JSON.stringify(starts.body)).toBe(201)
    const follows = await org.admin.post('/api/v1/rules', {
      name: 'Tell the owner when a contract is approved',
      trigger: { kind: 'approval_event', entity: 'contract', event: 'approved' },
      actions: [
        {
          type: 'create_task',
          task: {
            title: 'Send the approved contract {{record.number}}',
            assignee: { kind: 'owner' },
            dueInDays: 1,
          },
        },
      ],
    })
    expect(follows.status, JSON.stringify(follows.body)).toBe(201)
    const c = await contract()
    expect(
      (await org.sales.patch(`/api/v1/contracts/${c.id}`, { version: c.version, notes: 'ready' })).status,
    ).toBe(200)
    const a = await waitFor(
      async () => (await org.sales.get(`/api/v1/approvals?recordId=${c.id}`)).body.data[0],
    )
    expect(a).toMatchObject({ status: 'pending', submittedBy: org.sales.userId })
    await org.manager.post(`/api/v1/approvals/${a.id}/decisions`, { decision: 'approve' })
    const task = await waitFor(async () =>
      (await org.sales.get(`/api/v1/tasks?relatedId=${c.id}`)).body.data?.find((t: any) =>
        t.title.includes(c.number),
      ),
    )
    expect(task.assigneeId ?? task.ownerId).toBe(org.sales.userId)
    for (const r of [starts.body, follows.body])
      await org.admin.patch(`/api/v1/rules/${r.id}`, { version: r.version, enabled: false })
  })
})
