import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

describe('form layouts and definition files', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    for (const f of [
      {
        key: 'erp',
        label: 'ERP',
        labels: { 'zh-CN': '在用 ERP' },
        type: 'select',
        filterable: true,
        options: [
          { value: 'sap', label: 'SAP', color: '#1677ff' },
          { value: 'other', label: 'Other' },
        ],
      },
      { key: 'erpVersion', label: 'ERP version', type: 'text' },
      { key: 'credit', label: 'Credit limit', type: 'money', min: 0 },
    ])
      expect((await org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...f })).status).toBe(
        201,
      )
  }, 60_000)
  afterAll(() => env?.close())

  it('resets a designed layout to the default, audited, and answers 404 for an unknown object', async () => {
    const saved = await org.admin.put('/api/v1/objects/contacts/layout', {
      version: 0,
      sections: [{ id: 'only', title: 'Only', columns: 1, fields: ['name'] }],
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({ designed: true, version: 1 })
    expect((await org.sales.del('/api/v1/objects/contacts/layout')).status).toBe(403)
    expect((await org.admin.get('/api/v1/objects/contacts/layout')).body.designed).toBe(true)
    expect((await org.admin.del('/api/v1/objects/nothing/layout')).status).toBe(404)
    // Keys that name Object's own members are unknown objects too, not a 500 (found by the fuzzer).
    for (const key of ['valueOf', 'toString', 'constructor', 'hasOwnProperty'])
      for (const call of [
        org.admin.get(`/api/v1/objects/${key}/layout`),
        org.admin.put(`/api/v1/objects/${key}/layout`, { version: 0, sections: [] }),
        org.admin.get(`/api/v1/objects/${key}`),
      ])
        expect([400, 404], JSON.stringify((await call).body)).toContain((await call).status)
    const reset = await org.admin.del('/api/v1/objects/contacts/layout?lang=en')
    expect(reset.status, JSON.stringify(reset.body)).toBe(200)
    expect(reset.body).toMatchObject({ designed: false, version: 0 })
    expect(reset.body.sections[0].title).toBe('Details')
    const audit = (await org.admin.get('/api/v1/audit-log?entityType=form_layout&limit=50')).body.data
    const removed = audit.filter((a: any) => a.action === 'delete')
    expect(removed).toHaveLength(1)
    expect(removed[0].before).toMatchObject({ object: 'contacts', version: 1 })
    // A designer still holding version 1 is told the layout changed; resetting again changes nothing.
    const stale = await org.admin.put('/api/v1/objects/contacts/layout', {
      version: 1,
      sections: [{ id: 'only', title: 'Only', columns: 1, fields: ['name'] }],
    })
    expect(stale.status).toBe(409)
    expect((await org.admin.del('/api/v1/objects/contacts/layout')).status).toBe(200)
    expect(
      (await org.admin.get('/api/v1/audit-log?entityType=form_layout&limit=50')).body.data.filter(
        (a: any) => a.action === 'delete',
      ),
    ).toHaveLength(1)
  })

  it('serves a default layout, saves a designed one with a conditional section, and keeps new fields visible', async () => {
    const first = (await org.sales.get('/api/v1/objects/accounts/layout?lang=zh-CN')).body
    expect(first).toMatchObject({ object: 'accounts', version: 0, designed: false })
    expect(first.sections.map((s: any) => s.title)).toEqual(['基本信息', '自定义字段'])
    expect(first.sections[1].fields).toEqual(['custom.erp', 'custom.erpVersion', 'custom.credit'])
    const layout = {
      version: 0,
      sections: [
        {
          id: 'id',
          title: 'Identity',
          titles: { 'zh-CN': '身份' },
          columns: 2,
          fields: ['name', 'industry', 'custom.erp'],
        },
        {
          id: 'erp',
          title: 'ERP',
          columns: 1,
          fields: ['custom.erpVersion'],
          visibleWhen: { field: 'custom.erp', op: 'eq', value: 'sap' },
        },
      ],
    }
    expect((await org.sales.put('/api/v1/objects/accounts/layout', layout)).status).toBe(403)
    const bad = await org.admin.put('/api/v1/objects/accounts/layout', {
      version: 0,
      sections: [
        {
          id: 'a',
          title: 'A',
          columns: 2,
          fields: ['name', 'name', 'custom.nope'],
          visibleWhen: { field: 'ghost', op: 'empty' },
        },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toEqual([
      'sections.0.fields.1',
      'sections.0.fields.2',
      'sections.0.visibleWhen.field',
    ])
    const saved = await org.admin.put('/api/v1/objects/accounts/layout', layout)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({ version: 1, designed: true })
    expect((await org.admin.put('/api/v1/objects/accounts/layout', layout)).status).toBe(409)
    const zh = (await org.sales.get('/api/v1/objects/accounts/layout?lang=zh-CN')).body
    expect(zh.sections[0].title).toBe('身份')
    expect(zh.sections[1].visibleWhen).toEqual({ field: 'custom.erp', op: 'eq', value: 'sap' })
    // Fields not placed (and fields added later) come last in a section that always shows (not the
    // conditional one), so nothing disappears from forms.
    expect(zh.sections[1].fields).toEqual(['custom.erpVersion'])
    expect(zh.sections[0].fields.slice(0, 4)).toEqual(['name', 'industry', 'custom.erp', 'subIndustry'])
    expect(zh.sections[0].fields).toContain('custom.credit')
    // A field hidden from a role is left out of its layout.
    await org.admin.put('/api/v1/roles/sales/field-access', {
      object: 'accounts',
      fields: { 'custom.erp': 'hidden' },
    })
    const sales = (await org.sales.get('/api/v1/objects/accounts/layout')).body
    expect(sales.sections.flatMap((s: any) => s.fields)).not.toContain('custom.erp')
    await org.admin.put('/api/v1/roles/sales/field-access', { object: 'accounts', fields: {} })
  })

  it('exports an object’s definitions as a file; importing it twice changes nothing; another workspace gets the same', async () => {
    const file = (await org.admin.get('/api/v1/objects/accounts/definition')).body
    expect(file.format).toBe('openkam.object.v1')
    expect(file.fields.map((f: any) => f.key)).toEqual(['erp', 'erpVersion', 'credit'])
    expect(file.layout).toHaveLength(2)
    const again = await org.admin.post('/api/v1/object-definitions/import', file)
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body).toMatchObject({
      created: [],
      updated: [],
      unchanged: ['erp', 'erpVersion', 'credit'],
      layout: 'unchanged',
    })
    const auditBefore = (await org.admin.get('/api/v1/audit-log?entityType=field_definition&limit=500')).body
      .data.length
    await org.admin.post('/api/v1/object-definitions/import', file)
    expect(
      (await org.admin.get('/api/v1/audit-log?entityType=field_definition&limit=500')).body.data.length,
    ).toBe(auditBefore)

    const other = await makeOrg(env)
    const applied = await other.admin.post('/api/v1/object-definitions/import', file)
    expect(applied.body).toMatchObject({
      created: ['erp', 'erpVersion', 'credit'],
      updated: [],
      layout: 'saved',
    })
    const changed = {
      ...file,
      fields: file.fields.map((f: any) => (f.key === 'erpVersion' ? { ...f, label: 'ERP release' } : f)),
    }
    expect((await other.admin.post('/api/v1/object-definitions/import', changed)).body).toMatchObject({
      updated: ['erpVersion'],
    })
    expect((await other.sales.post('/api/v1/object-definitions/import', file)).status).toBe(403)

    // A custom object travels with its fields.
    await org.admin.post('/api/v1/objects', {
      key: 'site_visits',
      label: 'Site visit',
      pluralLabel: 'Site visits',
      fields: [{ key: 'visitDate', label: 'Visit date', type: 'date' }],
    })
    const visits = (await org.admin.get('/api/v1/objects/site_visits/definition')).body
    const made = await other.admin.post('/api/v1/object-definitions/import', visits)
    expect(made.body).toMatchObject({ objectCreated: true, created: ['visitDate'] })
    expect((await other.admin.post('/api/v1/object-definitions/import', visits)).body).toMatchObject({
      objectCreated: false,
      created: [],
      unchanged: ['visitDate'],
    })
  })
})
