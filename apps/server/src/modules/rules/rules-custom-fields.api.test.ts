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

describe('custom fields in rules', () => {
  let env: TestEnv
  let org: Org
  const account = async (name: string, custom: Record<string, unknown> = {}) => {
    const res = await org.sales.post('/api/v1/accounts', { name, custom })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const defs = [
      {
        key: 'erp',
        label: 'ERP',
        type: 'select',
        options: [
          { value: 'sap', label: 'SAP' },
          { value: 'kingdee', label: 'Kingdee' },
          { value: 'yonyou', label: 'Yonyou' },
        ],
      },
      { key: 'credit', label: 'Credit limit', type: 'number', min: 0 },
      { key: 'note', label: 'Note', type: 'text' },
      { key: 'doubled', label: 'Doubled', type: 'formula', formula: 'credit * 2' },
    ]
    for (const d of defs) {
      const res = await org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...d })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
  }, 60_000)
  afterAll(() => env?.close())

  it('refuses unknown custom fields, computed targets, bad values and unfit operators when saved, saying where', async () => {
    const res = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'field_changed', entity: 'account', field: 'custom.nope' },
        conditions: {
          all: [
            { field: 'custom.missing', op: 'eq', value: 1 },
            { field: 'custom.erp', op: 'eq', value: 'oracle' },
            { field: 'custom.note', op: 'within_last_days', value: 3 },
            { field: 'custom.erp', op: 'in', value: ['sap', 'kingdee'] },
            { field: 'custom.credit', op: 'gt', value: 100 },
          ],
        },
        actions: [
          {
            type: 'update_fields',
            fields: {
              'custom.doubled': 4,
              'custom.ghost': 'x',
              name: 'fine',
            },
          },
          { type: 'update_fields', fields: { 'custom.erp': 'oracle', 'custom.credit': -5 } },
        ],
      }),
    )
    expect(res.status).toBe(400)
    const byPath = Object.fromEntries(res.body.errors.map((e: any) => [e.path, e.message]))
    expect(byPath['trigger.field']).toMatch(/no custom field nope/)
    expect(byPath['conditions.all.0.field']).toMatch(/no custom field missing; custom fields: erp, credit/)
    expect(byPath['conditions.all.1.value']).toMatch(/oracle is not an option of erp/)
    expect(byPath['conditions.all.2.op']).toMatch(/not a date field/)
    expect(byPath['conditions.all.3.value']).toBeUndefined()
    expect(byPath['conditions.all.4.value']).toBeUndefined()
    expect(byPath['actions.0.fields.custom.doubled']).toMatch(/computed/)
    expect(byPath['actions.0.fields.custom.ghost']).toMatch(/no custom field ghost/)
    expect(byPath['actions.0.fields.name']).toBeUndefined()
    expect(byPath['actions.1.fields.custom.erp']).toMatch(/must be one of sap, kingdee, yonyou/)
    expect(byPath['actions.1.fields.custom.credit']).toMatch(/at least 0/)

    // Custom fields of the account, seen from another record; a custom date trigger is refused plainly.
    const other = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'date_reached', entity: 'contact', field: 'custom.when', offsetDays: 0 },
        conditions: { all: [{ field: 'account.custom.zzz', op: 'is_empty' }] },
        actions: [{ type: 'notify', to: [{ kind: 'owner' }], channels: ['in_app'], subject: 'x' }],
      }),
    )
    expect(other.status).toBe(400)
    const paths = Object.fromEntries(other.body.errors.map((e: any) => [e.path, e.message]))
    expect(paths['conditions.all.0.field']).toMatch(/account has no custom field zzz/)
    expect(paths['trigger.field']).toBeDefined()
  })

  it('conditions on custom fields: options and numbers; {{record.custom.<key>}} in texts', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'account' },
        conditions: {
          all: [
            { field: 'custom.erp', op: 'in', value: ['sap', 'yonyou'] },
            { field: 'record.custom.credit', op: 'gte', value: 1000 },
          ],
        },
        actions: [
          {
            type: 'create_task',
            task: {
              title: 'Connect {{record.custom.erp}} for {{record.name}} ({{ record.custom.credit }})',
              assignee: { kind: 'owner' },
            },
          },
        ],
      }),
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const hit = await account('Cond SAP Co', { erp: 'sap', credit: 5000 })
    const low = await account('Cond Low Co', { erp: 'sap', credit: 10 })
    const other = await account('Cond KD Co', { erp: 'kingdee', credit: 5000 })
    const runs = await settledRuns(org.admin, r.body.id, [hit.id, low.id, other.id])
    const status = Object.fromEntries(runs.map((x: any) => [x.entityId, x.status]))
    expect(status).toEqual({ [hit.id]: 'succeeded', [low.id]: 'not_matched', [other.id]: 'not_matched' })
    const lowRun = runs.find((x: any) => x.entityId === low.id)
    expect(lowRun.conditions[1]).toMatchObject({ field: 'record.custom.credit', actual: 10, result: false })
    const tasks = (await org.admin.get(`/api/v1/tasks?source=rule&accountId=${hit.id}`)).body.data
    // A custom select's value reads as its label in texts; numbers stay numbers.
    expect(tasks.map((t: any) => t.title)).toEqual(['Connect SAP for Cond SAP Co (5000)'])
  })

  it('field changed on a custom field fires only when that value changes (from → to), and update_fields sets custom values', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: {
          kind: 'field_changed',
          entity: 'account',
          field: 'custom.erp',
          from: 'kingdee',
          to: 'sap',
        },
        actions: [
          {
            type: 'update_fields',
            fields: {
              'custom.credit': 20000,
              'custom.note': 'moved from {{before.custom.erp}}',
              website: null,
            },
          },
        ],
      }),
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const a = await account('Switch Co', { erp: 'kingdee', note: 'start' })
    const patch = async (body: Record<string, unknown>) => {
      const cur = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
      const res = await org.sales.patch(`/api/v1/accounts/${a.id}`, { version: cur.version, ...body })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    await patch({ custom: { note: 'another custom value changes' } }) // not the watched field
    await patch({ custom: { erp: 'yonyou' } }) // the field, but not from kingdee to sap
    await patch({ custom: { erp: 'kingdee' } })
    await patch({ custom: { erp: 'sap' } }) // fires
    const runs = await settledRuns(org.admin, r.body.id, [a.id])
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ status: 'succeeded' })
    expect(runs[0].actions[0]).toMatchObject({ type: 'update_fields', status: 'done' })
    const after = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    expect(after.custom).toMatchObject({
      erp: 'sap',
      credit: 20000,
      note: 'moved from kingdee',
      doubled: 40000,
    })
  })

  it('a custom value the record refuses fails the action with the server’s message and writes nothing', async () => {
    const r = await org.admin.post(
      '/api/v1/rules',
      rule({
        trigger: { kind: 'record_created', entity: 'account' },
        conditions: { all: [{ field: 'name', op: 'contains', value: 'HalfCustom' }] },
        actions: [
          {
            type: 'update_fields',
            fields: {
              website: 'https://half.example',
              'custom.credit': '{{record.name}}',
              'custom.note': 'x',
            },
          },
        ],
      }),
    )
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const a = await account('HalfCustom Co')
    const [run] = await settledRuns(org.admin, r.body.id, [a.id])
    expect(run.status).toBe('failed')
    expect(run.actions[0].error).toMatch(/custom\.credit must be a number/)
    const after = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    expect(after).toMatchObject({ website: null, version: 1 })
    expect(after.custom.note).toBeUndefined()
  })

  it('dry run checks custom values too and changes nothing', async () => {
    const a = await account('Dry Custom Co', { erp: 'sap' })
    const def = rule({
      trigger: { kind: 'record_updated', entity: 'account' },
      conditions: { all: [{ field: 'custom.erp', op: 'eq', value: 'sap' }] },
      actions: [
        { type: 'update_fields', fields: { 'custom.note': 'dry {{record.custom.erp}}' } },
        { type: 'update_fields', fields: { 'custom.credit': 'lots {{record.name}}' } },
      ],
    })
    const res = await org.admin.post('/api/v1/rules/dry-run', { rule: def, recordId: a.id })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.conditions[0]).toMatchObject({ field: 'custom.erp', actual: 'sap', result: true })
    expect(res.body.actions[0]).toMatchObject({
      status: 'would_run',
      detail: { fields: { 'custom.note': 'dry sap' } },
    })
    expect(res.body.actions[1]).toMatchObject({ status: 'failed' })
    expect(res.body.actions[1].error).toMatch(/custom\.credit: must be a number/)
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.version).toBe(1)
  })
})
