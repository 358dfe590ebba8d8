import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { scanSchedules } from './scans'

const DAY = 86_400_000

/**
 * Runs of a rule once the worker has been quiet for a moment (so late duplicates would show).
 * Rules of one test see the records of earlier tests whose events are still on their way, so tests
 * that create records of the same kind pick their own record's runs.
 */
async function settledRuns(c: Caller, ruleId: string, atLeast: number, entityIds?: string[]) {
  const get = async () =>
    ((await c.get(`/api/v1/rule-runs?ruleId=${ruleId}&limit=500`)).body.data as any[]).filter(
      (r) => !entityIds || entityIds.includes(r.entityId),
    )
  await waitFor(async () => (await get()).length >= atLeast)
  await new Promise((r) => setTimeout(r, 1200))
  return get()
}

const rule = (over: Record<string, unknown>) => ({
  name: `Rule ${Math.random().toString(36).slice(2, 8)}`,
  conditions: { all: [] },
  ...over,
})

describe('automation rules', () => {
  let env: TestEnv
  let org: Org
  const mails: ParsedMail[] = []
  let smtp: SMTPServer
  let smtpPort = 0
  beforeAll(async () => {
    env = await startTestApp({ env: { OPENKAM_RETRY_BASE_SECONDS: '0.2', OPENKAM_RETRY_MAX_ATTEMPTS: '3' } })
    org = await makeOrg(env)
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        simpleParser(stream).then((m) => (mails.push(m), cb()), cb)
      },
    })
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
    smtpPort = (smtp.server.address() as AddressInfo).port
  }, 60_000)
  afterAll(async () => {
    await new Promise<void>((r) => smtp?.close(() => r()))
    await env?.close()
  })

  it('ships the template rules and playbooks with every new workspace', async () => {
    // The pipeline's SOP task rules (sop_<stage>), the handoff escalations (handoff_*) and the survey
    // follow-up (survey_*), the alert notifications (alert_*) and the service desk's (ticket_*) belong to
    // the pipelines, handoffs, surveys, alerts and tickets modules, tested there.
    const rules = (await org.admin.get('/api/v1/rules?limit=50')).body.data.filter(
      (r: any) => !/^(sop|handoff|survey|alert|tier|ticket)_/.test(r.template ?? ''),
    )
    expect(rules.map((r: any) => r.template).sort()).toEqual([
      'negotiation_contract',
      'strategic_ticket_wecom',
      'task_overdue_manager',
    ])
    expect(rules.every((r: any) => r.enabled && r.version === 1)).toBe(true)
    const pbs = (await org.admin.get('/api/v1/playbooks')).body.data
    expect(pbs.map((p: any) => p.template).sort()).toEqual(['retention', 'strategic_onboarding'])
    const versions = await org.admin.get(`/api/v1/rules/${rules[0].id}/versions`)
    expect(versions.body.data).toHaveLength(1)
  })

  it('refuses rules that name unknown fields, non-date fields, bad cron or unknown people, saying where', async () => {
    const res = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'date_reached', entity: 'contract', field: 'number', offsetDays: -90 },
        conditions: {
          all: [
            { field: 'nonsense', op: 'eq', value: 1 },
            { field: 'account.tier', op: 'in', value: 'x' },
          ],
        },
        actions: [
          {
            type: 'create_task',
            task: { title: 'x', assignee: { kind: 'user', userId: '0190aaaa-0000-7000-8000-000000000000' } },
          },
          { type: 'update_fields', fields: { amount: 'not money', nope: 1 } },
        ],
      }),
    )
    expect(res.status).toBe(400)
    const paths = res.body.errors.map((e: any) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'trigger.field',
        'conditions.all.0.field',
        'conditions.all.1.value',
        'actions.1.fields.nope',
        'actions.1.fields.amount',
        'actions',
      ]),
    )
    const cron = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'schedule', cron: 'every day', timezone: 'Asia/Shanghai' },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(cron.status).toBe(400)
    expect(cron.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['trigger.cron', 'actions.0.to.0']),
    )
    const shape = await org.admin.post(
      '/api/v1/rules',
      rule({ trigger: { kind: 'record_created' }, actions: [] }),
    )
    expect(shape.status).toBe(400)
    expect(shape.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['trigger.entity', 'actions']),
    )
  })

  it('refuses rules that would move a deal past the stage gate or close it', async () => {
    const res = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_updated', entity: 'opportunity' },
        actions: [{ type: 'update_fields', fields: { stage: 'negotiation', status: 'won', name: 'x' } }],
      }),
    )
    expect(res.status).toBe(400)
    const byPath = Object.fromEntries(res.body.errors.map((e: any) => [e.path, e.message]))
    expect(byPath['actions.0.fields.stage']).toContain('stage gate')
    expect(byPath['actions.0.fields.status']).toContain('closing it')
    expect(byPath['actions.0.fields.name']).toBeUndefined()
  })

  it('lets everyone read rules but only administrators change them', async () => {
    expect((await org.sales.get('/api/v1/rules')).status).toBe(200)
    const res = await org.sales.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'account' },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(res.status).toBe(403)
  })

  it('record created: fires exactly once per matching event; a failed condition logs a run that did nothing', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'account' },
        conditions: { all: [{ field: 'tier', op: 'eq', value: 'strategic' }] },
        actions: [
          {
            type: 'create_task',
            task: {
              title: 'Welcome {{record.name}}',
              assignee: { kind: 'owner' },
              dueInDays: 2,
              priority: 'high',
            },
          },
        ],
      }),
    )
    expect(r.status).toBe(201)
    const big = (await org.sales.post('/api/v1/accounts', { name: 'Big Co', tier: 'strategic' })).body
    const small = (await org.sales.post('/api/v1/accounts', { name: 'Small Co', tier: 'essential' })).body
    const runs = await settledRuns(org.admin, r.body.id, 2)
    expect(runs).toHaveLength(2)
    const byEntity = Object.fromEntries(runs.map((x: any) => [x.entityId, x]))
    expect(byEntity[big.id].status).toBe('succeeded')
    expect(byEntity[big.id].actions[0]).toMatchObject({ type: 'create_task', status: 'done' })
    expect(byEntity[small.id]).toMatchObject({ status: 'not_matched', matched: false, actions: [] })
    expect(byEntity[small.id].conditions[0]).toMatchObject({
      field: 'tier',
      actual: 'essential',
      result: false,
    })
    const tasks = (await org.admin.get(`/api/v1/tasks?source=rule&accountId=${big.id},${small.id}`)).body.data
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({
      title: 'Welcome Big Co',
      assigneeId: org.sales.userId,
      accountId: big.id,
      priority: 'high',
    })
    expect(new Date(tasks[0].dueAt).getTime() - Date.now()).toBeGreaterThan(1.9 * DAY)
    const rec = (await org.admin.get(`/api/v1/rules/${r.body.id}`)).body
    expect(rec).toMatchObject({ runCount: 2, failedCount: 0 })
    // Per record, too.
    const forRecord = (await org.admin.get(`/api/v1/rule-runs?entityId=${big.id}`)).body.data
    expect(forRecord.map((x: any) => x.ruleId)).toContain(r.body.id)
  })

  it('record updated and deleted, and a field changed from/to, each fire once per matching event', async () => {
    const mk = async (trigger: any) =>
      (
        await org.admin.post(
          '/api/v1/rules',
          rule({
            trigger,
            actions: [
              {
                type: 'notify',
                to: [{ kind: 'owner' }],
                channels: ['in_app'],
                subject: '{{record.name}} {{record.status}}',
              },
            ],
          }),
        )
      ).body.id
    const updated = await mk({ kind: 'record_updated', entity: 'lead' })
    const deleted = await mk({ kind: 'record_deleted', entity: 'lead' })
    const changed = await mk({
      kind: 'field_changed',
      entity: 'lead',
      field: 'status',
      from: 'new',
      to: 'working',
    })
    const lead = (
      await org.sales.post('/api/v1/leads', { name: 'Li Lei', company: 'Lead Co', status: 'new' })
    ).body
    const a = await org.sales.patch(`/api/v1/leads/${lead.id}`, {
      version: lead.version,
      status: 'working',
    })
    const b = await org.sales.patch(`/api/v1/leads/${lead.id}`, {
      version: a.body.version,
      status: 'qualified',
    })
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    expect(b.status, JSON.stringify(b.body)).toBe(200)
    const gone = await org.sales.del(`/api/v1/leads/${lead.id}?version=${b.body.version}`)
    expect(gone.status, JSON.stringify(gone.body)).toBe(200)
    expect((await settledRuns(org.admin, updated, 2)).map((x: any) => x.status)).toEqual([
      'succeeded',
      'succeeded',
    ])
    const del = await settledRuns(org.admin, deleted, 1)
    expect(del).toHaveLength(1)
    expect(del[0].trigger).toBe('lead.deleted')
    const ch = await settledRuns(org.admin, changed, 1)
    expect(ch).toHaveLength(1)
    const notes = (await org.sales.get('/api/v1/notifications?limit=100')).body.data
    expect(notes.filter((n: any) => n.ruleRunId === ch[0].id)).toHaveLength(1)
    // An option shows as its label in the workspace's language (the text has no words of its own).
    expect(notes.find((n: any) => n.ruleRunId === ch[0].id).subject).toBe('Li Lei Working')
  })

  it('writes option values as their labels, in the language of the rule text', async () => {
    const notifyOn = async (subject: string) =>
      (
        await org.admin.post(
          '/api/v1/rules',
          rule({
            trigger: { kind: 'record_created', entity: 'ticket' },
            actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject }],
          }),
        )
      ).body.id
    const zh = await notifyOn(
      '工单优先级：{{record.priority}}；客户行业：{{account.industry}}；{{record.subject}}',
    )
    const en = await notifyOn(
      '{{record.priority}} ticket from an account in {{account.industry}}: {{record.subject}}',
    )
    const account = (await org.sales.post('/api/v1/accounts', { name: 'Words Co', industry: 'energy' })).body
    const ticket = await org.sales.post('/api/v1/tickets', {
      accountId: account.id,
      subject: 'urgent',
      priority: 'urgent',
    })
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201)
    const [zhRun] = await settledRuns(org.admin, zh, 1, [ticket.body.id])
    const [enRun] = await settledRuns(org.admin, en, 1, [ticket.body.id])
    const notes = (await org.sales.get('/api/v1/notifications?limit=100')).body.data
    const subjectOf = (run: any) => notes.find((n: any) => n.ruleRunId === run.id)?.subject
    // The ticket's own subject is text, not an option: it stays as written.
    expect(subjectOf(zhRun)).toBe('工单优先级：紧急；客户行业：能源；urgent')
    expect(subjectOf(enRun)).toBe('Urgent ticket from an account in Energy: urgent')
  })

  it('negotiation (template): a legal task to draft the contract and an e-mail the SMTP server receives', async () => {
    const s = await org.admin.get('/api/v1/notification-settings')
    expect(
      (
        await org.admin.put('/api/v1/notification-settings', {
          version: s.body.version,
          smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'OpenKAM <noreply@openkam.test>' },
          digestHour: 8,
        })
      ).status,
    ).toBe(200)
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Negotiating Co' })).body
    const opp = (
      await org.sales.post('/api/v1/opportunities', {
        accountId: acc.id,
        name: 'ERP rollout',
        amount: '880000',
        currency: 'CNY',
      })
    ).body
    // Through the stage gate: the deliverables of discovery and solution attached.
    for (const key of [
      'assessment_report',
      'needs_interview_minutes',
      'proposal',
      'demo_deck',
      'roi_analysis',
    ])
      await org.sales.post(`/api/v1/opportunities/${opp.id}/deliverables`, {
        key,
        title: key,
        url: `https://docs.example.com/${key}.pdf`,
      })
    expect(
      (await org.sales.post(`/api/v1/opportunities/${opp.id}/stage`, { stage: 'negotiation' })).status,
    ).toBe(200)
    const template = (await org.admin.get('/api/v1/rules?template=negotiation_contract')).body.data[0]
    const run = (await settledRuns(org.admin, template.id, 1)).find((x: any) => x.entityId === opp.id)
    expect(run.status).toBe('succeeded')
    const task = (await org.admin.get(`/api/v1/tasks?relatedId=${opp.id}&source=rule`)).body.data
    expect(task).toHaveLength(1)
    expect(task[0]).toMatchObject({
      title: 'Draft the contract for ERP rollout',
      assigneeRole: 'legal',
      assigneeId: null,
    })
    const mail = await waitFor(async () => mails.find((m) => m.subject?.includes('ERP rollout')))
    expect(mail.subject).toBe('ERP rollout entered negotiation (880000.00 CNY)')
    expect((mail.to as any).text).toContain(`finance@${org.slug}.test`)
    const detail = (await org.admin.get(`/api/v1/rule-runs/${run.id}`)).body
    expect(detail.deliveries.map((d: any) => `${d.channel}:${d.status}`).sort()).toEqual([
      'email:sent',
      'in_app:sent',
    ])
    // The finance person sees it in their inbox too.
    expect((await org.finance.get('/api/v1/notifications/unread-count')).body.unread).toBeGreaterThan(0)
    // Moving the deal again without entering negotiation does not fire it.
    const cur = (await org.sales.get(`/api/v1/opportunities/${opp.id}`)).body
    await org.sales.patch(`/api/v1/opportunities/${opp.id}`, {
      version: cur.version,
      name: 'ERP rollout (phase 1)',
    })
    const again = await settledRuns(org.admin, template.id, 1)
    expect(again.filter((x: any) => x.entityId === opp.id)).toHaveLength(1)
  })

  it('date reached: fires once per record however often the scan runs, and not for dates long past', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'date_reached', entity: 'contract', field: 'endDate', offsetDays: -90 },
          actions: [
            {
              type: 'create_task',
              task: { title: 'Re-check needs before {{record.number}} ends', assignee: { kind: 'owner' } },
            },
          ],
        }),
      )
    ).body
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Renewing Co' })).body
    const ymd = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10)
    const soon = (
      await org.sales.post('/api/v1/contracts', {
        accountId: acc.id,
        number: 'C-80',
        amount: '1000',
        currency: 'CNY',
        startDate: ymd(-300 * DAY),
        endDate: ymd(80 * DAY),
      })
    ).body
    const later = (
      await org.sales.post('/api/v1/contracts', {
        accountId: acc.id,
        number: 'C-200',
        amount: '1000',
        currency: 'CNY',
        startDate: ymd(-300 * DAY),
        endDate: ymd(200 * DAY),
      })
    ).body
    const past = (
      await org.sales.post('/api/v1/contracts', {
        accountId: acc.id,
        number: 'C-ended',
        amount: '1000',
        currency: 'CNY',
        startDate: ymd(-300 * DAY),
        endDate: ymd(-30 * DAY),
      })
    ).body
    for (let i = 0; i < 3; i++) {
      const res = await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })
      expect(res.status).toBe(200)
    }
    const runs = (await org.admin.get(`/api/v1/rule-runs?ruleId=${r.id}`)).body.data
    expect(
      runs.map((x: any) => x.entityId),
      JSON.stringify({ soon, later, past, runs }),
    ).toEqual([soon.id])
    expect(runs[0]).toMatchObject({ trigger: 'date_reached', status: 'succeeded' })
    expect(later.id).toBeTruthy()
    expect(past.id).toBeTruthy() // ended a month ago: its moment is long past, so it does not replay
    const tasks = (await org.admin.get(`/api/v1/tasks?relatedId=${soon.id}`)).body.data
    expect(tasks.map((t: any) => t.title)).toEqual(['Re-check needs before C-80 ends'])
  })

  it('schedule: fires once when its time has come, not again for the same slot', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'schedule', cron: '0 9 * * *', timezone: 'Asia/Shanghai', entity: 'account' },
          conditions: { all: [{ field: 'name', op: 'contains', value: 'Scheduled' }] },
          actions: [
            {
              type: 'create_task',
              task: { title: 'Weekly look at {{record.name}}', assignee: { kind: 'owner' } },
            },
          ],
        }),
      )
    ).body
    await org.sales.post('/api/v1/accounts', { name: 'Scheduled One' })
    await org.sales.post('/api/v1/accounts', { name: 'Scheduled Two' })
    const deps = { events: env.rt.events, jobs: env.rt.jobs, config: env.rt.config }
    const db = env.rt.database.db
    expect(await scanSchedules(db, deps, org.wsId)).toBe(0) // the next 09:00 has not come
    const tomorrow = new Date(Date.now() + 1.5 * DAY)
    expect(await scanSchedules(db, deps, org.wsId, tomorrow)).toBe(2)
    expect(await scanSchedules(db, deps, org.wsId, tomorrow)).toBe(0)
    const runs = (await org.admin.get(`/api/v1/rule-runs?ruleId=${r.id}`)).body.data
    expect(runs).toHaveLength(2)
    expect(runs.every((x: any) => x.trigger === 'schedule' && x.status === 'succeeded')).toBe(true)
  })

  it('inbound webhook: the secret URL fires the rule once with the posted payload; a wrong key is 404', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'webhook' },
          conditions: { all: [{ field: 'payload.severity', op: 'eq', value: 'high' }] },
          actions: [
            {
              type: 'notify',
              to: [{ kind: 'user', userId: org.manager.userId }],
              channels: ['in_app'],
              subject: 'Hook: {{payload.message}}',
            },
          ],
        }),
      )
    ).body
    expect(r.hookKey).toMatch(/^[\w-]{20,}$/)
    const url = `/api/v1/hooks/rules/${r.id}/${r.hookKey}`
    const anon = await env.app.inject({
      method: 'POST',
      url,
      payload: { severity: 'high', message: 'disk full' },
    })
    expect(anon.statusCode).toBe(202)
    expect(anon.json().status).toBe('succeeded')
    const low = await env.app.inject({ method: 'POST', url, payload: { severity: 'low' } })
    expect(low.json().status).toBe('not_matched')
    expect(
      (await env.app.inject({ method: 'POST', url: `/api/v1/hooks/rules/${r.id}/wrong`, payload: {} }))
        .statusCode,
    ).toBe(404)
    const notes = (await org.manager.get('/api/v1/notifications')).body.data
    expect(notes.filter((n: any) => n.subject === 'Hook: disk full')).toHaveLength(1)
  })

  it('cuts a loop: a rule that keeps changing its own record stops at depth 3', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_updated', entity: 'contact' },
          actions: [
            { type: 'update_fields', fields: { department: 'touched at version {{record.version}}' } },
          ],
        }),
      )
    ).body
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Loop Co' })).body
    const c = (await org.sales.post('/api/v1/contacts', { accountId: acc.id, name: 'Loopy' })).body
    await org.sales.patch(`/api/v1/contacts/${c.id}`, { version: c.version, title: 'CTO' })
    const runs = await settledRuns(org.admin, r.id, 4)
    expect(runs.map((x: any) => `${x.depth}:${x.status}`).sort()).toEqual([
      '0:succeeded',
      '1:succeeded',
      '2:succeeded',
      '3:loop_cut',
    ])
    const after = (await org.sales.get(`/api/v1/contacts/${c.id}`)).body
    expect(after.version).toBe(5) // created 1, user 2, three rule runs 3–5
    expect(after.department).toBe('touched at version 4')
  })

  it('never applies half of a field update: an invalid value fails the whole action', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_created', entity: 'account' },
          conditions: { all: [{ field: 'name', op: 'contains', value: 'Half' }] },
          actions: [
            {
              type: 'update_fields',
              fields: { website: 'https://half.example', employees: '{{record.name}}' },
            },
            { type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'after the failure' },
          ],
        }),
      )
    ).body
    const a = (await org.sales.post('/api/v1/accounts', { name: 'Half Co' })).body
    const run = (await settledRuns(org.admin, r.id, 1)).find((x: any) => x.entityId === a.id)
    expect(run.status).toBe('partial')
    expect(run.actions[0]).toMatchObject({ status: 'failed', attempts: 1 })
    expect(run.actions[0].error).toContain('employees')
    expect(run.actions[1].status).toBe('done')
    const after = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    expect(after).toMatchObject({ website: null, employees: null, version: 1 })
  })

  it('assigns owners in turn and starts playbooks', async () => {
    const pb = (
      await org.admin.post('/api/v1/playbooks', {
        name: 'Onboard a lead',
        steps: [
          { title: 'Call {{record.name}}', assignee: { kind: 'owner' }, dueInDays: 1 },
          {
            title: 'Send the deck',
            assignee: { kind: 'role', role: 'presales' },
            dueInDays: 3,
            priority: 'high',
          },
        ],
      })
    ).body
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_created', entity: 'lead' },
          conditions: { all: [{ field: 'source', op: 'eq', value: 'website' }] },
          actions: [
            { type: 'assign_owner', strategy: 'round_robin', userIds: [org.sales.userId, org.sales2.userId] },
            { type: 'start_playbook', playbookId: pb.id },
          ],
        }),
      )
    ).body
    const ids: string[] = []
    for (const n of ['RR 1', 'RR 2', 'RR 3'])
      ids.push((await org.admin.post('/api/v1/leads', { name: n, company: n, source: 'website' })).body.id)
    await settledRuns(org.admin, r.id, 3, ids)
    const owners = await Promise.all(
      ids.map(async (id) => (await org.admin.get(`/api/v1/leads/${id}`)).body.ownerId as string),
    )
    // In turn: the two take the three leads as 2 + 1 (events are not promised to arrive in creation order).
    const counts = [org.sales.userId, org.sales2.userId]
      .map((u) => owners.filter((o) => o === u).length)
      .sort()
    expect(counts).toEqual([1, 2])
    const owner1 = owners[1]!
    const tasks = (await org.admin.get(`/api/v1/tasks?relatedId=${ids[1]}&sort=dueAt`)).body.data
    // The playbook ran after the owner was assigned, so "owner" is the new owner.
    expect(tasks.map((t: any) => [t.title, t.source, t.assigneeId ?? t.assigneeRole])).toEqual([
      ['Call RR 2', 'playbook', owner1],
      ['Send the deck', 'playbook', 'presales'],
    ])
    // By hand, from a record.
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Playbook Co' })).body
    const started = await org.sales.post(`/api/v1/playbooks/${pb.id}/start`, {
      relatedType: 'account',
      relatedId: acc.id,
    })
    expect(started.status).toBe(200)
    expect(started.body.taskIds).toHaveLength(2)
    const other = (await org.outsider.post('/api/v1/accounts', { name: 'Not yours' })).body
    expect(
      (
        await org.sales.post(`/api/v1/playbooks/${pb.id}/start`, {
          relatedType: 'account',
          relatedId: other.id,
        })
      ).status,
    ).toBe(404)
  })

  it('assigns by territory, with a fallback', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_created', entity: 'account' },
          conditions: { all: [{ field: 'name', op: 'contains', value: 'Territory' }] },
          actions: [
            {
              type: 'assign_owner',
              strategy: 'territory',
              field: 'region',
              territories: { 华东: org.sales.userId, 华北: org.sales2.userId },
              fallbackUserId: org.manager.userId,
            },
          ],
        }),
      )
    ).body
    const east = (await org.admin.post('/api/v1/accounts', { name: 'Territory East', region: '华东' })).body
    const west = (await org.admin.post('/api/v1/accounts', { name: 'Territory West', region: '西南' })).body
    await settledRuns(org.admin, r.id, 2, [east.id, west.id])
    expect((await org.admin.get(`/api/v1/accounts/${east.id}`)).body.ownerId).toBe(org.sales.userId)
    expect((await org.admin.get(`/api/v1/accounts/${west.id}`)).body.ownerId).toBe(org.manager.userId)
  })

  it('overdue 2 days (template): the assignee’s manager hears of it once', async () => {
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Overdue Co' })).body
    const task = (
      await org.sales.post('/api/v1/tasks', {
        title: 'Send the proposal',
        accountId: acc.id,
        assigneeId: org.sales.userId,
        dueAt: new Date(Date.now() - 3 * DAY).toISOString(),
      })
    ).body
    const done = (
      await org.sales.post('/api/v1/tasks', {
        title: 'Already done',
        accountId: acc.id,
        assigneeId: org.sales.userId,
        dueAt: new Date(Date.now() - 3 * DAY).toISOString(),
        status: 'done',
      })
    ).body
    await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })
    await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })
    const template = (await org.admin.get('/api/v1/rules?template=task_overdue_manager')).body.data[0]
    const runs = (await org.admin.get(`/api/v1/rule-runs?ruleId=${template.id}`)).body.data
    expect(runs.filter((x: any) => x.entityId === task.id).map((x: any) => x.status)).toEqual(['succeeded'])
    expect(runs.filter((x: any) => x.entityId === done.id).map((x: any) => x.status)).toEqual(['not_matched'])
    const notes = (await org.manager.get('/api/v1/notifications?limit=100')).body.data
    expect(notes.filter((n: any) => n.subject === 'Overdue 2 days: Send the proposal')).toHaveLength(1)
  })

  it('a failed action marked for retry is run again by the retry job and its outcome recorded', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_created', entity: 'account' },
          conditions: { all: [{ field: 'name', op: 'eq', value: 'Retry Co' }] },
          actions: [{ type: 'create_task', task: { title: 'Retry task', assignee: { kind: 'owner' } } }],
        }),
      )
    ).body
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Retry Co' })).body
    // (Accounts of earlier tests may still be meeting the new rule: take this account's run.)
    const run = await waitFor(async () =>
      (await org.admin.get(`/api/v1/rule-runs?ruleId=${r.id}&entityId=${acc.id}`)).body.data.find(
        (x: any) => x.status === 'succeeded',
      ),
    )
    // As if the first attempt had failed for a passing reason (the engine marks those `retrying`).
    const db = env.rt.database.db
    await db.execute(
      sql`update rule_runs set status = 'failed', actions = jsonb_set(actions, '{0}', actions->0 || '{"status": "retrying", "error": "connection reset"}'::jsonb) where id = ${run.id}`,
    )
    await env.rt.jobs.send(null, 'rules.retry_action', { ws: org.wsId, runId: run.id, index: 0 })
    const after = await waitFor(async () => {
      const d = (await org.admin.get(`/api/v1/rule-runs/${run.id}`)).body
      return d.actions[0].status === 'done' ? d : null
    })
    expect(after).toMatchObject({ status: 'succeeded', actions: [{ attempts: 2, error: null }] })
    expect((await org.admin.get(`/api/v1/tasks?accountId=${acc.id}&source=rule`)).body.data).toHaveLength(2)
  })

  it('dry run: shows the trace and what would happen, and changes nothing', async () => {
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Dry Co', tier: 'strategic' })).body
    const def = rule({
      trigger: { kind: 'record_updated', entity: 'account' },
      conditions: { all: [{ field: 'tier', op: 'eq', value: 'strategic' }] },
      actions: [
        {
          type: 'create_task',
          task: { title: 'Plan for {{record.name}}', assignee: { kind: 'owner' }, dueInDays: 5 },
        },
        { type: 'update_fields', fields: { segment: 'dry' } },
      ],
    })
    const res = await org.admin.post('/api/v1/rules/dry-run', { rule: def, recordId: acc.id })
    expect(res.status).toBe(200)
    expect(res.body.matched).toBe(true)
    expect(res.body.conditions[0]).toMatchObject({ field: 'tier', actual: 'strategic', result: true })
    expect(res.body.actions[0]).toMatchObject({
      status: 'would_run',
      detail: { title: 'Plan for Dry Co', assignee: expect.any(String) },
    })
    expect(res.body.actions[1]).toMatchObject({ status: 'would_run', detail: { fields: { segment: 'dry' } } })
    // (The welcome rule of an earlier test may give the new account its own task meanwhile.)
    const tasks = (await org.admin.get(`/api/v1/tasks?accountId=${acc.id}`)).body.data
    expect(tasks.filter((t: any) => t.title === 'Plan for Dry Co')).toHaveLength(0)
    expect((await org.admin.get(`/api/v1/accounts/${acc.id}`)).body.version).toBe(1)
    const bad = await org.admin.post('/api/v1/rules/dry-run', {
      rule: { ...def, conditions: { all: [{ field: 'zzz', op: 'eq', value: 1 }] } },
      recordId: acc.id,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('rule.conditions.all.0.field')
  })

  it('keeps every version; a run names the version that ran', async () => {
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'record_created', entity: 'activity' },
          actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'v1' }],
        }),
      )
    ).body
    const v2 = await org.admin.patch(`/api/v1/rules/${r.id}`, {
      version: r.version,
      actions: [
        { type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'v2 {{record.subject}}' },
      ],
    })
    expect(v2.status).toBe(200)
    expect(
      (await org.admin.patch(`/api/v1/rules/${r.id}`, { version: r.version, enabled: false })).status,
    ).toBe(409)
    const versions = (await org.admin.get(`/api/v1/rules/${r.id}/versions`)).body.data
    expect(versions.map((v: any) => v.version)).toEqual([2, 1])
    expect(versions[1].definition.actions[0].subject).toBe('v1')
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Versioned Co' })).body
    await org.sales.post('/api/v1/activities', {
      accountId: acc.id,
      kind: 'call',
      subject: 'hello',
      occurredAt: new Date().toISOString(),
    })
    const [run] = await settledRuns(org.admin, r.id, 1)
    expect(run.ruleVersion).toBe(2)
  })
})

describe('a failing webhook action', () => {
  let env: TestEnv
  let org: Org
  let hits = 0
  let server: http.Server
  beforeAll(async () => {
    env = await startTestApp({ env: { OPENKAM_RETRY_BASE_SECONDS: '0.2', OPENKAM_RETRY_MAX_ATTEMPTS: '3' } })
    org = await makeOrg(env)
    server = http.createServer((_req, res) => {
      hits++
      res.writeHead(500).end('nope')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  }, 60_000)
  afterAll(async () => {
    server?.close()
    await env?.close()
  })

  it('is retried with backoff and then shown as failed on the run', async () => {
    const port = (server.address() as AddressInfo).port
    const r = (
      await org.admin.post('/api/v1/rules', {
        name: 'Tell the ERP',
        trigger: { kind: 'record_created', entity: 'order' },
        actions: [{ type: 'call_webhook', url: `http://127.0.0.1:${port}/hook` }],
      })
    ).body
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Order Co' })).body
    await org.sales.post('/api/v1/orders', {
      accountId: acc.id,
      number: 'O-1',
      amount: '10',
      currency: 'CNY',
    })
    const [run] = await settledRuns(org.admin, r.id, 1)
    let last: any
    const detail = await waitFor(async () => {
      const d = (last = (await org.admin.get(`/api/v1/rule-runs/${run.id}`)).body)
      return d.deliveries[0]?.status === 'failed' ? d : null
    }).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`)
    })
    expect(detail.deliveries[0]).toMatchObject({ channel: 'webhook', attempts: 3, status: 'failed' })
    expect(detail.deliveries[0].error).toContain('500')
    expect(hits).toBe(3)
  })
})

describe('urgent ticket from a strategic account (template) on WeCom', () => {
  let env: TestEnv
  let org: Org
  const received: any[] = []
  let server: http.Server
  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        received.push({ url: req.url, body: JSON.parse(body) })
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  }, 60_000)
  afterAll(async () => {
    server?.close()
    await env?.close()
  })

  it('tells the CSM in the WeCom group, mentioning them, and in the app; other tickets stay quiet', async () => {
    const port = (server.address() as AddressInfo).port
    const robot = await org.admin.post('/api/v1/webhooks', {
      name: 'CS group',
      kind: 'wecom',
      url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test`,
    })
    expect(robot.status).toBe(201)
    const me = await org.sales2.get('/api/v1/auth/me')
    const u = await org.admin.get(`/api/v1/users/${org.sales2.userId}`)
    expect(
      (
        await org.admin.patch(`/api/v1/users/${org.sales2.userId}`, {
          version: u.body.version,
          phone: '13800001111',
        })
      ).status,
    ).toBe(200)
    expect(me.status).toBe(200)
    const strategic = (
      await org.sales.post('/api/v1/accounts', {
        name: 'Strategic Co',
        tier: 'strategic',
        csmId: org.sales2.userId,
      })
    ).body
    const growth = (
      await org.sales.post('/api/v1/accounts', {
        name: 'Growth Co',
        tier: 'growth',
        csmId: org.sales2.userId,
      })
    ).body
    await org.sales.post('/api/v1/tickets', {
      accountId: strategic.id,
      subject: 'Down again',
      priority: 'urgent',
    })
    await org.sales.post('/api/v1/tickets', {
      accountId: strategic.id,
      subject: 'A question',
      priority: 'low',
    })
    await org.sales.post('/api/v1/tickets', {
      accountId: growth.id,
      subject: 'Also down',
      priority: 'urgent',
    })
    const template = (await org.admin.get('/api/v1/rules?template=strategic_ticket_wecom')).body.data[0]
    const runs = await settledRuns(org.admin, template.id, 3)
    expect(runs.map((x: any) => x.status).sort()).toEqual(['not_matched', 'not_matched', 'succeeded'])
    await waitFor(async () => received.length >= 1)
    expect(received).toHaveLength(1)
    expect(received[0].url).toBe('/cgi-bin/webhook/send?key=test')
    expect(received[0].body.msgtype).toBe('text')
    expect(received[0].body.text.content).toContain('Down again')
    expect(received[0].body.text.mentioned_mobile_list).toEqual(['13800001111'])
    const notes = (await org.sales2.get('/api/v1/notifications')).body.data
    expect(notes.filter((n: any) => n.subject.includes('Down again'))).toHaveLength(1)
  })
})
