import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

const SECRET = 'TOPSECRET-4711'

/**
 * Field-level security (SPEC R-23) checked on every object of the object model and every endpoint that
 * answers its records: the objects, their required fields and a field to hide all come from
 * `GET /objects`, so a new object or field is covered without touching this test.
 */
describe('field-level security', () => {
  let env: TestEnv
  let org: Org
  let objects: any[]
  const today = new Date().toISOString().slice(0, 10)

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    objects = (await org.admin.get('/api/v1/objects')).body.data
  }, 60_000)
  afterAll(() => env?.close())

  /** A value for a required field, by its type (relations point at records made for the purpose). */
  const valueFor = async (f: any): Promise<unknown> => {
    if (f.options?.length) return f.options[0].value
    switch (f.type) {
      case 'relation':
        if (f.relation.object === 'accounts')
          return (
            await org.admin.post('/api/v1/accounts', {
              name: `Parent ${Math.random()}`,
              ownerId: org.sales.userId,
            })
          ).body.id
        throw new Error(`no value for a required relation to ${f.relation.object}`)
      case 'number':
      case 'percent':
        return 1
      case 'money':
        return { amount: '100.00', currency: 'CNY' }
      case 'date':
        return today
      case 'datetime':
        return new Date().toISOString()
      case 'boolean':
        return true
      case 'user':
        return org.sales.userId
      default:
        return `R ${Math.random().toString(36).slice(2, 8)}`
    }
  }

  it('hides a built-in and a custom field of every object from every answer, and refuses writing, filtering and sorting them', async () => {
    const creatable = objects.filter((o) => !['handoffs'].includes(o.key))
    expect(creatable.length).toBeGreaterThanOrEqual(12)
    for (const o of creatable) {
      const def = await org.admin.post('/api/v1/field-definitions', {
        object: o.key,
        key: 'secret',
        label: 'Secret',
        type: 'text',
        filterable: true,
      })
      expect(def.status, `${o.key}: ${JSON.stringify(def.body)}`).toBe(201)
      // A built-in field to hide: the first optional, editable one that is not what names the record.
      const builtin = o.fields.find(
        (f: any) =>
          !f.custom && !f.required && f.access === 'edit' && f.key !== o.titleField && f.type === 'text',
      )
      const body: Record<string, unknown> = { ownerId: org.sales.userId, custom: { secret: SECRET } }
      // An activity needs an account or the record it is about, which the model cannot mark required: the
      // account is given wherever there is one.
      for (const f of o.fields.filter((x: any) => (x.required || x.key === 'accountId') && !x.custom))
        body[f.key] = await valueFor(f)
      if (builtin) body[builtin.key] = SECRET
      const made = await org.admin.post(`/api/v1/${o.key}`, body)
      expect(made.status, `${o.key}: ${JSON.stringify(made.body)}`).toBe(201)
      const fields: Record<string, string> = { 'custom.secret': 'hidden' }
      if (builtin) fields[builtin.key] = 'hidden'
      const put = await org.admin.put('/api/v1/roles/sales/field-access', { object: o.key, fields })
      expect(put.status, JSON.stringify(put.body)).toBe(200)

      // The administrator still sees both (the check below can fail).
      const mine = await org.admin.get(`/api/v1/${o.key}/${made.body.id}`)
      expect(JSON.stringify(mine.body)).toContain(SECRET)

      const answers = {
        list: await org.sales.get(`/api/v1/${o.key}?limit=500`),
        get: await org.sales.get(`/api/v1/${o.key}/${made.body.id}`),
        export: await org.sales.get(`/api/v1/${o.key}/export?format=csv`),
        object: await org.sales.get(`/api/v1/objects/${o.key}`),
      }
      expect(answers.get.status, o.key).toBe(200)
      expect(
        answers.list.body.data.map((r: any) => r.id),
        o.key,
      ).toContain(made.body.id)
      for (const [name, res] of Object.entries(answers)) {
        expect(res.status, `${o.key} ${name}`).toBe(200)
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
        expect(text, `${o.key} ${name}`).not.toContain(SECRET)
      }
      // The account's 360° view and timeline carry its records of every kind.
      const accountId = o.key === 'accounts' ? made.body.id : made.body.accountId
      if (accountId) {
        Object.assign(answers, {
          '360': await org.sales.get(`/api/v1/accounts/${accountId}/360`),
          timeline: await org.sales.get(`/api/v1/accounts/${accountId}/timeline`),
        })
        for (const name of ['360', 'timeline'] as const) {
          const res = (answers as Record<string, { status: number; body: unknown }>)[name]!
          expect(res.status, `${o.key} ${name}`).toBe(200)
          expect(JSON.stringify(res.body), `${o.key} ${name}`).not.toContain(SECRET)
        }
      }
      expect(answers.get.body.custom).not.toHaveProperty('secret')
      if (builtin) expect(answers.get.body).not.toHaveProperty(builtin.key)
      expect(answers.object.body.fields.map((f: any) => f.key)).not.toContain('secret')
      expect(answers.export.body.split('\r\n')[0]).not.toContain('custom.secret')

      const write = await org.sales.patch(`/api/v1/${o.key}/${made.body.id}`, {
        version: answers.get.body.version,
        custom: { secret: 'x' },
      })
      expect(write.status, `${o.key} write`).toBe(403)
      expect(write.body.errors[0].path).toBe('custom.secret')
      const filter = await org.sales.get(`/api/v1/${o.key}?custom.secret=${SECRET}`)
      expect(filter.status, `${o.key} filter`).toBe(400)
      expect(filter.body.errors[0].path).toBe('custom.secret')
      const sort = await org.sales.get(`/api/v1/${o.key}?sort=custom.secret`)
      expect(sort.status, `${o.key} sort`).toBe(400)
    }
  })

  it('makes a read-only field visible but not writable, and the audit trail keeps what a restricted person changed', async () => {
    await org.admin.post('/api/v1/field-definitions', {
      object: 'accounts',
      key: 'creditLimit',
      label: 'Credit limit',
      type: 'money',
    })
    const put = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { 'custom.creditLimit': 'read', region: 'read', 'custom.secret': 'hidden' },
    })
    expect(put.status).toBe(200)
    expect((await org.admin.get('/api/v1/roles/sales/field-access')).body.objects.accounts).toEqual({
      'custom.creditLimit': 'read',
      region: 'read',
      'custom.secret': 'hidden',
    })
    const a = (
      await org.admin.post('/api/v1/accounts', {
        name: 'RO',
        ownerId: org.sales.userId,
        custom: { creditLimit: 5000, secret: SECRET },
      })
    ).body
    const seen = (await org.sales.get(`/api/v1/accounts/${a.id}`)).body
    expect(seen.custom.creditLimit).toEqual({ amount: '5000.00', currency: 'CNY' })
    const field = (await org.sales.get('/api/v1/objects/accounts')).body.fields.find(
      (f: any) => f.key === 'creditLimit',
    )
    expect(field.access).toBe('read')
    const refused = await org.sales.patch(`/api/v1/accounts/${a.id}`, {
      version: seen.version,
      region: 'North',
      custom: { creditLimit: 1 },
    })
    expect(refused.status).toBe(403)
    expect(refused.body.errors.map((e: any) => e.path).sort()).toEqual(['custom.creditLimit', 'region'])
    const ok = await org.sales.patch(`/api/v1/accounts/${a.id}`, { version: seen.version, name: 'RO 2' })
    expect(ok.status).toBe(200)
    expect(JSON.stringify(ok.body)).not.toContain(SECRET)
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=account&entityId=${a.id}`)).body.data
    expect(audit.find((e: any) => e.action === 'create').after.custom.secret).toBe(SECRET)
    // Unknown fields are refused when access is set.
    const bad = await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { 'custom.nope': 'hidden' },
    })
    expect(bad.status).toBe(400)
    expect(
      (await org.sales.put('/api/v1/roles/sales/field-access', { object: 'accounts', fields: {} })).status,
    ).toBe(403)
  })
})
