import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Caller, type Org, type TestEnv } from '../../../test/harness'

/** Runs of a rule for the given records once the worker has been quiet for a moment. */
async function settledRuns(c: Caller, ruleId: string, entityIds: string[], atLeast = entityIds.length) {
  const get = async () =>
    ((await c.get(`/api/v1/rule-runs?ruleId=${ruleId}&limit=500`)).body.data as any[]).filter((r) =>
      entityIds.includes(r.entityId),
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
const DAY = 86_400_000
const ymd = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10)
const byPath = (res: { body: any }) =>
  Object.fromEntries((res.body.errors ?? []).map((e: any) => [e.path, e.message]))

describe('custom objects in rules', () => {
  let env: TestEnv
  let org: Org
  let acc: any
  const url = '/api/v1/objects/site_checks/records'
  const check = async (name: string, custom: Record<string, unknown>, withAccount = true) => {
    const res = await org.sales.post(url, {
      name,
      custom: { ...(withAccount ? { account: acc.id } : {}), ...custom },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const made = await org.admin.post('/api/v1/objects', {
      key: 'site_checks',
      label: 'Site check',
      pluralLabel: 'Site checks',
      fields: [
        {
          key: 'account',
          label: 'Account',
          type: 'relation',
          relation: { object: 'accounts' },
          filterable: true,
        },
        { key: 'checkDate', label: 'Check date', type: 'date' },
        {
          key: 'outcome',
          label: 'Outcome',
          type: 'select',
          options: [
            { value: 'good', label: 'Good' },
            { value: 'poor', label: 'Poor' },
          ],
        },
        { key: 'followUp', label: 'Follow-up', type: 'text' },
        { key: 'score', label: 'Score', type: 'number', min: 0, max: 10 },
      ],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const loose = await org.admin.post('/api/v1/objects', {
      key: 'loose_notes',
      label: 'Loose note',
      pluralLabel: 'Loose notes',
      fields: [
        { key: 'text', label: 'Text', type: 'text' },
        { key: 'when', label: 'When', type: 'date' },
      ],
    })
    expect(loose.status, JSON.stringify(loose.body)).toBe(201)
    acc = (await org.sales.post('/api/v1/accounts', { name: 'Checked Co', tier: 'strategic' })).body
    expect(acc.id, JSON.stringify(acc)).toBeTruthy()
  }, 60_000)
  afterAll(() => env?.close())

  it('refuses an unknown custom object, unknown fields, account fields without an account and bad values, saying where', async () => {
    const unknown = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'custom:site_chekcs' },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(unknown.status).toBe(400)
    expect(byPath(unknown)['trigger.entity']).toMatch(
      /no custom object site_chekcs; custom objects: site_checks, loose_notes|custom objects: loose_notes, site_checks/,
    )
    const malformed = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'custom:Site Checks' },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(malformed.status).toBe(400)
    expect(byPath(malformed)['trigger.entity']).toMatch(/custom:<object key> for a custom object/)

    const bad = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'field_changed', entity: 'custom:site_checks', field: 'custom.nope' },
        conditions: {
          all: [
            { field: 'custom.outcome', op: 'eq', value: 'awful' },
            { field: 'stage', op: 'eq', value: 'x' },
            { field: 'account.tier', op: 'eq', value: 'strategic' },
          ],
        },
        actions: [
          {
            type: 'update_fields',
            fields: { 'custom.ghost': 1, stage: 'x', name: 'ok' },
          },
          { type: 'update_fields', fields: { 'custom.score': 11 } },
        ],
      }),
    )
    expect(bad.status).toBe(400)
    const p = byPath(bad)
    expect(p['trigger.field']).toMatch(
      /site_checks has no custom field nope; custom fields: account, checkDate/,
    )
    expect(p['conditions.all.0.value']).toMatch(/awful is not an option of outcome/)
    expect(p['conditions.all.1.field']).toMatch(/site_checks has no field stage/)
    expect(p['conditions.all.2.field']).toBeUndefined()
    expect(p['actions.1.fields.custom.score']).toMatch(/at most 10/)
    expect(p['actions.0.fields.custom.ghost']).toMatch(/no custom field ghost/)
    expect(p['actions.0.fields.stage']).toMatch(/site_checks has no field stage that can be set/)
    expect(p['actions.0.fields.name']).toBeUndefined()

    const noAccount = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'date_reached', entity: 'custom:loose_notes', field: 'custom.text', offsetDays: 0 },
        conditions: { all: [{ field: 'account.tier', op: 'eq', value: 'strategic' }] },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(noAccount.status).toBe(400)
    expect(byPath(noAccount)['conditions.all.0.field']).toMatch(
      /loose_notes records have no account \(a relation field to accounts\)/,
    )
    expect(byPath(noAccount)['trigger.field']).toMatch(/custom.text is not a date field/)

    // In Chinese for a person who reads Chinese (codes and paths unchanged).
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/rules',
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: rule({
        trigger: { kind: 'record_created', entity: 'custom:site_chekcs' },
        conditions: { all: [{ field: 'account.tier', op: 'eq', value: 'strategic' }] },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    })
    const zh = { status: res.statusCode, body: res.json() }
    expect(zh.status).toBe(400)
    expect(byPath(zh)['trigger.entity']).toMatch(/工作区中没有自定义对象 site_chekcs/)
  })

  it('fires on a custom record created with a field and account condition: sets its fields, creates a task on the account', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'custom:site_checks' },
        conditions: {
          all: [
            { field: 'custom.outcome', op: 'eq', value: 'poor' },
            { field: 'account.tier', op: 'eq', value: 'strategic' },
          ],
        },
        actions: [
          {
            type: 'update_fields',
            fields: { 'custom.followUp': 'Call {{account.name}} back', 'custom.score': 2 },
          },
          {
            type: 'create_task',
            task: {
              title: 'Follow up {{record.name}} ({{record.custom.outcome}})',
              assignee: { kind: 'owner' },
            },
          },
        ],
      }),
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body.trigger.entity).toBe('custom:site_checks')
    const listed = (await org.admin.get('/api/v1/rules?triggerEntity=custom:site_checks')).body.data
    expect(listed.map((x: any) => x.id)).toContain(r.body.id)

    const poor = await check('Poor check', { outcome: 'poor', checkDate: ymd(0) })
    const good = await check('Good check', { outcome: 'good' })
    const runs = await settledRuns(org.admin, r.body.id, [poor.id, good.id])
    const status = Object.fromEntries(runs.map((x: any) => [x.entityId, x.status]))
    expect(status, JSON.stringify(runs)).toEqual({ [poor.id]: 'succeeded', [good.id]: 'not_matched' })
    expect(runs.find((x: any) => x.entityId === poor.id).entityType).toBe('custom:site_checks')

    const after = (await org.sales.get(`${url}/${poor.id}`)).body
    expect(after.custom).toMatchObject({ followUp: 'Call Checked Co back', score: 2, outcome: 'poor' })
    const tasks = (await org.admin.get(`/api/v1/tasks?accountId=${acc.id}`)).body.data
    // The custom select's value shows as its label in the task's title.
    expect(tasks.map((t: any) => t.title)).toContain('Follow up Poor check (Poor)')
  })

  it('fires when a custom field changes to a value, on updates only', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'field_changed', entity: 'custom:site_checks', field: 'custom.outcome', to: 'good' },
        conditions: { all: [{ field: 'before.custom.outcome', op: 'eq', value: 'poor' }] },
        actions: [
          { type: 'update_fields', fields: { 'custom.followUp': 'Recovered', name: '{{record.name}} ✓' } },
        ],
      }),
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    // (Without an account: the created-rule of the test before leaves them alone.)
    const c = await check('Turnaround', { outcome: 'poor' }, false)
    const other = await check('Unchanged', { outcome: 'good' }, false)
    const upd = await org.sales.patch(`${url}/${c.id}`, {
      version: (await org.sales.get(`${url}/${c.id}`)).body.version,
      custom: { outcome: 'good' },
    })
    expect(upd.status, JSON.stringify(upd.body)).toBe(200)
    await org.sales.patch(`${url}/${other.id}`, { version: other.version, custom: { score: 5 } })
    const runs = await settledRuns(org.admin, r.body.id, [c.id])
    expect(runs.map((x: any) => x.status)).toEqual(['succeeded'])
    const now = (await org.sales.get(`${url}/${c.id}`)).body
    expect(now.name).toBe('Turnaround ✓')
    expect(now.custom.followUp).toBe('Recovered')
    const none = (await org.admin.get(`/api/v1/rule-runs?ruleId=${r.body.id}&entityId=${other.id}`)).body.data
    expect(none).toEqual([])
  })

  it('date_reached on a custom date field, of a custom object and of a built-in one, fires once per date', async () => {
    const field = await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'auditDue',
      label: 'Audit due',
      type: 'date',
    })
    expect(field.status, JSON.stringify(field.body)).toBe(201)
    const onObject = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: {
            kind: 'date_reached',
            entity: 'custom:site_checks',
            field: 'custom.checkDate',
            offsetDays: 1,
          },
          actions: [
            { type: 'create_task', task: { title: 'Write up {{record.name}}', assignee: { kind: 'owner' } } },
          ],
        }),
      )
    ).body
    expect(onObject.id, JSON.stringify(onObject)).toBeTruthy()
    const onAccount = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'date_reached', entity: 'account', field: 'custom.auditDue', offsetDays: -7 },
        actions: [
          {
            type: 'notify',
            to: [{ kind: 'owner' }],
            channels: ['in_app'],
            subject: 'Audit of {{record.name}}',
          },
        ],
      }),
    )
    expect(onAccount.status, JSON.stringify(onAccount.body)).toBe(201)

    const due = await check('Checked two days ago', { checkDate: ymd(-2 * DAY) })
    const ahead = await check('Checked tomorrow', { checkDate: ymd(DAY) })
    const auditSoon = (
      await org.sales.post('/api/v1/accounts', { name: 'Audit Soon', custom: { auditDue: ymd(3 * DAY) } })
    ).body
    const auditLater = (
      await org.sales.post('/api/v1/accounts', { name: 'Audit Later', custom: { auditDue: ymd(30 * DAY) } })
    ).body
    for (let i = 0; i < 2; i++)
      expect((await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })).status).toBe(200)
    const objectRuns = (await org.admin.get(`/api/v1/rule-runs?ruleId=${onObject.id}`)).body.data
    expect(objectRuns.map((x: any) => x.entityId)).toEqual([due.id])
    expect(objectRuns[0]).toMatchObject({ trigger: 'date_reached', status: 'succeeded' })
    expect(ahead.id).toBeTruthy()
    const accountRuns = (await org.admin.get(`/api/v1/rule-runs?ruleId=${onAccount.body.id}`)).body.data
    expect(accountRuns.map((x: any) => x.entityId)).toEqual([auditSoon.id])
    expect(auditLater.id).toBeTruthy()
    const tasks = (await org.admin.get(`/api/v1/tasks?accountId=${acc.id}`)).body.data
    expect(tasks.map((t: any) => t.title)).toContain('Write up Checked two days ago')
  })

  it('a deleted custom object’s rules stop firing; they can be switched off, not on, until it is restored', async () => {
    const notes = '/api/v1/objects/loose_notes/records'
    const r = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: {
            kind: 'date_reached',
            entity: 'custom:loose_notes',
            field: 'custom.when',
            offsetDays: 0,
          },
          actions: [{ type: 'update_fields', fields: { 'custom.text': 'seen' } }],
        }),
      )
    ).body
    expect(r.id, JSON.stringify(r)).toBeTruthy()
    const note = (await org.admin.post(notes, { name: 'A note', custom: { when: ymd(-DAY) } })).body
    expect(note.id, JSON.stringify(note)).toBeTruthy()
    const hook = (
      await org.admin.post(
        '/api/v1/rules',
        rule({
          trigger: { kind: 'webhook', entity: 'custom:loose_notes' },
          actions: [{ type: 'update_fields', fields: { 'custom.text': 'hooked' } }],
        }),
      )
    ).body
    expect(hook.hookKey, JSON.stringify(hook)).toBeTruthy()
    expect((await org.admin.del('/api/v1/objects/loose_notes')).status).toBe(200)
    await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })
    expect((await org.admin.get(`/api/v1/rule-runs?ruleId=${r.id}`)).body.data).toEqual([])
    const called = await env.app.inject({
      method: 'POST',
      url: `/api/v1/hooks/rules/${hook.id}/${hook.hookKey}`,
      payload: { recordId: note.id },
    })
    expect(called.statusCode).toBe(422)
    expect(called.json()).toMatchObject({ code: 'rule_object_deleted' })
    expect(called.json().detail).toMatch(/watches loose_notes, a custom object that was deleted/)

    const rename = await org.admin.patch(`/api/v1/rules/${r.id}`, { version: r.version, name: 'Renamed' })
    expect(rename.status).toBe(400)
    expect(byPath(rename)['trigger.entity']).toMatch(
      /no custom object loose_notes.*it was deleted: restore it, or switch the rule off/,
    )
    const off = await org.admin.patch(`/api/v1/rules/${r.id}`, { version: r.version, enabled: false })
    expect(off.status, JSON.stringify(off.body)).toBe(200)
    expect((await org.admin.post('/api/v1/objects/loose_notes/restore')).status).toBe(200)
    const on = await org.admin.patch(`/api/v1/rules/${r.id}`, { version: off.body.version, enabled: true })
    expect(on.status, JSON.stringify(on.body)).toBe(200)
    await org.admin.post('/api/v1/jobs/run', { job: 'rules_scan' })
    const runs = (await org.admin.get(`/api/v1/rule-runs?ruleId=${r.id}`)).body.data
    expect(runs.map((x: any) => [x.entityId, x.status])).toEqual([[note.id, 'succeeded']])
    expect((await org.admin.get(`${notes}/${note.id}`)).body.custom.text).toBe('seen')
  })

  it('dry-runs a rule on a custom record', async () => {
    const c = await check('Dry check', { outcome: 'poor' })
    const res = await org.admin.post('/api/v1/rules/dry-run', {
      rule: rule({
        trigger: { kind: 'record_updated', entity: 'custom:site_checks' },
        conditions: { all: [{ field: 'custom.outcome', op: 'eq', value: 'poor' }] },
        actions: [{ type: 'update_fields', fields: { 'custom.score': 1 } }],
      }),
      recordId: c.id,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.matched).toBe(true)
    expect(res.body.actions[0]).toMatchObject({ status: 'would_run' })
  })
})
