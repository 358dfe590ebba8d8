import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'

/** Issue 15: a number-like custom field of the account feeds a health model's metric. */
describe('health from custom fields', () => {
  let env: TestEnv
  let org: Org
  const credit = {
    metric: 'credit_usage',
    field: 'custom.creditUsage',
    weight: 50,
    scoring: { kind: 'linear', from: { value: 0, score: 0 }, to: { value: 200, score: 100 } },
  }
  const usage = { metric: 'feature_usage', weight: 50, scoring: { kind: 'identity' } }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const define = (body: object) =>
      org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...body })
    for (const body of [
      { key: 'creditUsage', label: 'Credit usage', type: 'number' },
      { key: 'creditLine', label: 'Credit line', type: 'money' },
      { key: 'motto', label: 'Motto', type: 'text' },
      {
        key: 'sizeWord',
        label: 'Size',
        type: 'formula',
        formula: 'IF(employees > 50, "big", "small")',
        resultType: 'text',
      },
    ])
      expect((await define(body)).status, JSON.stringify(body)).toBe(201)
  }, 60_000)
  afterAll(() => env?.close())

  const account = async (custom: object) =>
    (await org.sales.post('/api/v1/accounts', { name: `F ${Math.random()}`, tier: 'strategic', custom }))
      .body as { id: string; version: number }
  const health = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}/health`)).body
  const row = (h: any, metric: string) => h.contributions.find((c: any) => c.metric === metric)
  const setCustom = async (id: string, custom: object) => {
    const { version } = (await org.sales.get(`/api/v1/accounts/${id}`)).body
    const res = await org.sales.patch(`/api/v1/accounts/${id}`, { version, custom })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }

  it('refuses a field that is not a number-like custom field of accounts, naming metrics.N.field', async () => {
    const save = (field: string) =>
      org.admin.post('/api/v1/health-models', {
        name: `Bad ${field}`,
        metrics: [usage, { ...credit, field }],
      })
    for (const [field, message] of [
      ['custom.motto', '"custom.motto" is not a number field of accounts'],
      ['custom.sizeWord', '"custom.sizeWord" is not a number field of accounts'],
      ['custom.nothing', 'accounts have no custom field "nothing"'],
    ] as const) {
      const res = await save(field)
      expect(res.status, field).toBe(400)
      expect(res.body.errors).toContainEqual({ path: 'metrics.1.field', message })
    }
    const shape = await save('creditUsage')
    expect(shape.status).toBe(400)
    expect(shape.body.errors.map((e: any) => e.path)).toContain('metrics.1.field')
    const preview = await org.admin.post('/api/v1/health-models/preview', {
      accountId: (await account({})).id,
      model: { metrics: [{ ...credit, field: 'custom.motto', weight: 100 }] },
    })
    expect(preview.status).toBe(400)
    expect(preview.body.errors[0].path).toBe('metrics.0.field')
  })

  it('scores from the current field value, missing without one, and recomputes when it changes', async () => {
    const m = await org.admin.post('/api/v1/health-models', {
      name: 'Strategic with credit',
      status: 'published',
      appliesTo: { tiers: ['strategic'] },
      metrics: [usage, { ...credit, label: 'Credit usage' }],
    })
    expect(m.status, JSON.stringify(m.body)).toBe(201)
    expect(m.body.metrics[1]).toMatchObject({ metric: 'credit_usage', field: 'custom.creditUsage' })

    const a = await account({ creditUsage: 150 })
    const b = await account({})
    for (const id of [a.id, b.id])
      expect(
        (await org.sales.post(`/api/v1/accounts/${id}/metrics`, { metric: 'feature_usage', value: 80 }))
          .status,
      ).toBe(201)

    // 50% × 80 + 50% × 75 (150 on 0–200)
    const ha = await health(a.id)
    expect(ha).toMatchObject({ score: 77.5, band: 'watch', incomplete: false, modelId: m.body.id })
    expect(row(ha, 'credit_usage')).toMatchObject({
      weight: 50,
      effectiveWeight: 50,
      value: 150,
      score: 75,
      contribution: 37.5,
      missing: false,
    })
    // No value: the metric is missing and its weight goes to the others, as for a posted metric.
    const hb = await health(b.id)
    expect(hb).toMatchObject({ score: 80, incomplete: true })
    expect(row(hb, 'credit_usage')).toMatchObject({ value: null, missing: true, effectiveWeight: 0 })

    // A posted value under the metric's key does not stand in for the field.
    await org.sales.post(`/api/v1/accounts/${b.id}/metrics`, { metric: 'credit_usage', value: 200 })
    expect(await health(b.id)).toMatchObject({ score: 80, incomplete: true })

    // Editing the field recomputes the account (account.updated with custom changed).
    await setCustom(a.id, { creditUsage: 20 })
    const lowered = await waitFor(async () => {
      const h = await health(a.id)
      return h.score === 45 ? h : null
    })
    expect(lowered).toMatchObject({ band: 'at_risk', incomplete: false })
    expect(row(lowered, 'credit_usage')).toMatchObject({ value: 20, score: 10, contribution: 5 })
    expect((await org.sales.get(`/api/v1/accounts/${a.id}`)).body.health).toEqual({
      score: 45,
      band: 'at_risk',
    })

    // Clearing it makes the metric missing again.
    await setCustom(a.id, { creditUsage: null })
    const cleared = await waitFor(async () => {
      const h = await health(a.id)
      return h.score === 80 ? h : null
    })
    expect(cleared).toMatchObject({ band: 'healthy', incomplete: true })
    expect(row(cleared, 'credit_usage')).toMatchObject({ missing: true })

    // A change to another custom field leaves the score alone (no new snapshot).
    const history = async () => (await org.sales.get(`/api/v1/accounts/${a.id}/health/history`)).body.data
    const before = (await history()).length
    await setCustom(a.id, { motto: 'Onwards' })
    await new Promise((r) => setTimeout(r, 1500))
    expect((await history()).length).toBe(before)
  })

  it('reads money as its amount', async () => {
    const a = await account({ creditLine: { amount: '1200.00', currency: 'CNY' } })
    const res = await org.admin.post('/api/v1/health-models/preview', {
      accountId: a.id,
      model: {
        metrics: [
          {
            metric: 'credit_line',
            field: 'custom.creditLine',
            weight: 100,
            scoring: { kind: 'linear', from: { value: 0, score: 0 }, to: { value: 2000, score: 100 } },
          },
        ],
      },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ score: 60, incomplete: false })
    expect(res.body.contributions[0]).toMatchObject({ metric: 'credit_line', value: 1200, score: 60 })
  })
})
