import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { outbox } from '../../core/events/outbox.table'
import { metricValues } from './health.table'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const dayAgo = (days: number) => ago(days).slice(0, 10)

describe('customer health', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const account = async (name: string, extra: object = {}) =>
    (await org.sales.post('/api/v1/accounts', { name, ...extra })).body.id as string
  const post = (id: string, body: unknown) => org.sales.post(`/api/v1/accounts/${id}/metrics`, body)
  const health = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}/health`)).body
  const full = (usage: number, minutes: number, issues: number, nps: number) => [
    { metric: 'feature_usage', value: usage },
    { metric: 'meeting_minutes', value: minutes },
    { metric: 'issue_feedback', value: issues },
    { metric: 'nps', value: nps },
  ]
  const healthEvents = async (accountId: string) =>
    (
      await env.rt.database.db
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.workspaceId, org.wsId),
            eq(outbox.entityId, accountId),
            eq(outbox.type, 'account.health_changed'),
          ),
        )
    ).map((e) => e.payload as { from: string | null; to: string | null })

  it('keeps one default model: a second one is refused naming the first, and nothing is saved', async () => {
    const [first] = (await org.admin.get('/api/v1/health-models?isDefault=true')).body.data
    const res = await org.admin.post('/api/v1/health-models', {
      name: 'Another default',
      isDefault: true,
      metrics: first.metrics,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors).toContainEqual({
      path: 'isDefault',
      message: `"${first.name}" is the default model already; unset it there first`,
    })
    const after = (await org.admin.get('/api/v1/health-models?isDefault=true')).body.data
    expect(after.map((m: { id: string }) => m.id)).toEqual([first.id])
  })

  it('installs the default model of the template', async () => {
    const res = await org.sales.get('/api/v1/health-models')
    expect(res.status).toBe(200)
    const [m] = res.body.data
    expect(m).toMatchObject({
      isDefault: true,
      status: 'published',
      bands: { healthy: 80, watch: 60 },
      lookbackDays: 90,
    })
    expect(m.metrics.map((x: any) => [x.metric, x.weight])).toEqual([
      ['feature_usage', 40],
      ['meeting_minutes', 30],
      ['issue_feedback', 20],
      ['nps', 10],
    ])
  })

  it('refuses models whose weights do not sum to 100, duplicate metrics, and edits by non-admins', async () => {
    const metrics = [
      { metric: 'feature_usage', weight: 60, scoring: { kind: 'identity' } },
      { metric: 'nps', weight: 35, scoring: { kind: 'identity' } },
    ]
    const bad = await org.admin.post('/api/v1/health-models', { name: 'Bad', metrics })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('the weights sum to 95')
    const dup = await org.admin.post('/api/v1/health-models', {
      name: 'Dup',
      metrics: [metrics[0], { ...metrics[0], weight: 40 }],
    })
    expect(dup.status).toBe(400)
    expect(JSON.stringify(dup.body)).toContain('used twice')
    const bands = await org.admin.post('/api/v1/health-models', {
      name: 'Bands',
      metrics: [{ ...metrics[0], weight: 100 }],
      bands: { healthy: 50, watch: 60 },
    })
    expect(bands.status).toBe(400)
    expect(
      (
        await org.sales.post('/api/v1/health-models', {
          name: 'X',
          metrics: [{ ...metrics[0], weight: 100 }],
        })
      ).status,
    ).toBe(403)
    expect((await org.admin.get('/api/v1/health-models')).body.data).toHaveLength(1)
  })

  it('scores the default model on a hand-computed case', async () => {
    const id = await account('Hand computed')
    const res = await post(id, full(85, 60, 3, 40))
    expect(res.status).toBe(201)
    const h = await health(id)
    // 40% × 85 + 30% × 50 + 20% × 70 + 10% × 70
    expect(h).toMatchObject({ score: 70, band: 'watch', incomplete: false, override: null })
    expect(h.contributions.map((c: any) => [c.metric, c.value, c.score, c.contribution])).toEqual([
      ['feature_usage', 85, 85, 34],
      ['meeting_minutes', 60, 50, 15],
      ['issue_feedback', 3, 70, 14],
      ['nps', 40, 70, 7],
    ])
    expect((await org.sales.get(`/api/v1/accounts/${id}`)).body.health).toEqual({ score: 70, band: 'watch' })
  })

  it.each([
    [80, 96, 2, 60, 80, 'healthy'],
    [60, 72, 4, 20, 60, 'watch'],
    [59.975, 72, 4, 20, 59.99, 'at_risk'],
  ])('puts usage %d at exactly %d → %s', async (usage, minutes, issues, nps, score, band) => {
    const id = await account(`Boundary ${score}`)
    await post(id, full(usage, minutes, issues, nps))
    expect(await health(id)).toMatchObject({ score, band })
  })

  it('renormalises over the metrics that have a value and marks the score incomplete', async () => {
    const id = await account('Missing NPS')
    await post(id, full(50, 120, 0, 0).slice(0, 3))
    const h = await health(id)
    expect(h).toMatchObject({ score: 77.78, band: 'watch', incomplete: true })
    expect(h.contributions.find((c: any) => c.metric === 'nps')).toMatchObject({
      missing: true,
      contribution: null,
    })
    // A value older than the look-back is missing too.
    const old = await account('Old values')
    await post(old, [...full(90, 120, 0, 50).slice(0, 3), { metric: 'nps', value: 100, at: ago(120) }])
    expect(await health(old)).toMatchObject({ incomplete: true, score: 95.56 })
  })

  it('refuses bad signals and changes nothing', async () => {
    const id = await account('Bad signals')
    expect(
      (await post(id, { metric: 'nps', value: 10, at: new Date(Date.now() + DAY).toISOString() })).status,
    ).toBe(400)
    expect((await post(id, { metric: 'Bad Key', value: 1 })).status).toBe(400)
    expect((await post(id, { metric: 'nps', value: 'x' })).status).toBe(400)
    expect(
      (await org.outsider.post(`/api/v1/accounts/${id}/metrics`, { metric: 'nps', value: 1 })).status,
    ).toBe(404)
    const rows = await env.rt.database.db.select().from(metricValues).where(eq(metricValues.accountId, id))
    expect(rows).toHaveLength(0)
    expect((await health(id)).score).toBeNull()
  })

  it('records a snapshot and emits the band change once per change', async () => {
    const id = await account('Band mover')
    await post(id, full(90, 120, 0, 60))
    expect((await health(id)).band).toBe('healthy')
    const drop = [
      { metric: 'feature_usage', value: 10 },
      { metric: 'meeting_minutes', value: 60 },
    ]
    await post(id, drop)
    expect(await health(id)).toMatchObject({ band: 'at_risk', score: 47 })
    // The same values again: no new snapshot and no event.
    await post(id, drop)
    const history = (await org.sales.get(`/api/v1/accounts/${id}/health/history`)).body.data
    expect(history.map((s: any) => s.band)).toEqual(['healthy', 'at_risk'])
    const events = await healthEvents(id)
    expect(events).toHaveLength(2)
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: null, to: 'healthy' }),
        expect.objectContaining({ from: 'healthy', to: 'at_risk', score: 47, previousScore: 94 }),
      ]),
    )
  })

  it('answers what moved the score since a moment, per metric', async () => {
    const id = await account('What changed')
    await post(id, full(80, 120, 0, 60))
    const [first] = (await org.sales.get(`/api/v1/accounts/${id}/health/history`)).body.data
    await post(id, [
      { metric: 'feature_usage', value: 40 },
      { metric: 'issue_feedback', value: 5 },
    ])
    const res = await org.sales.get(
      `/api/v1/accounts/${id}/health/changes?since=${encodeURIComponent(first.computedAt)}`,
    )
    expect(res.status).toBe(200)
    expect(res.body.before.score).toBe(first.score)
    expect(res.body.delta).toBe(-26)
    expect(res.body.metrics[0]).toMatchObject({
      metric: 'feature_usage',
      before: { value: 80, contribution: 32 },
      after: { value: 40, contribution: 16 },
      delta: -16,
    })
    expect(res.body.metrics[1]).toMatchObject({ metric: 'issue_feedback', delta: -10 })
    const hist = await org.sales.get(
      `/api/v1/accounts/${id}/health/history?from=${encodeURIComponent(ago(1))}`,
    )
    expect(hist.body.data.map((s: any) => s.score)).toEqual([90, 64])
  })

  it('ingests usage events idempotently and derives the usage metrics', async () => {
    const id = await account('Usage Co')
    const events = [
      { accountId: id, type: 'login', actor: 'u1', at: ago(1), eventId: 'e1' },
      { accountId: id, type: 'feature_used', actor: 'u1', feature: 'reports', at: ago(1), eventId: 'e2' },
      { accountId: id, type: 'login', actor: 'u2', at: ago(2), eventId: 'e3' },
    ]
    const first = await org.sales.post('/api/v1/usage-events', events)
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ received: 3, accepted: 3, duplicates: 0 })
    const again = await org.sales.post('/api/v1/usage-events', events)
    expect(again.body).toEqual({ received: 3, accepted: 0, duplicates: 3 })
    const unknown = await org.sales.post('/api/v1/usage-events', [
      events[0],
      { ...events[0], accountId: '01900000-0000-7000-8000-000000000000', eventId: 'zz' },
    ])
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].path).toBe('1.accountId')
    const derived = await waitFor(async () => {
      const rows = await env.rt.database.db
        .select()
        .from(metricValues)
        .where(and(eq(metricValues.accountId, id), eq(metricValues.source, 'derived')))
      return rows.length >= 2 ? rows : null
    })
    expect(Object.fromEntries(derived.map((r) => [r.metric, Number(r.value)]))).toMatchObject({
      feature_usage: 100,
      login_frequency: 0.47,
    })
    // Usage alone is 40% of the default model's weight, under its 50% minimum: no score yet.
    const h = await waitFor(async () => {
      const x = await health(id)
      return x.coverage > 0 ? x : null
    })
    expect(h).toMatchObject({ score: null, band: null, status: 'insufficient_data', coverage: 0.4 })
    expect(h.contributions[0]).toMatchObject({ metric: 'feature_usage', value: 100, score: 100 })
  })

  it('governs overrides: permission, reason, both scores shown, no silent replacement', async () => {
    const id = await account('Override Co')
    await post(id, full(85, 60, 3, 40))
    const body = {
      score: 40,
      reason: 'Champion left last week, renewal in doubt',
      expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
    }
    expect((await org.sales.post(`/api/v1/accounts/${id}/health/override`, body)).status).toBe(403)
    expect(
      (await org.manager.post(`/api/v1/accounts/${id}/health/override`, { ...body, reason: 'no' })).status,
    ).toBe(400)
    expect(
      (
        await org.manager.post(`/api/v1/accounts/${id}/health/override`, {
          ...body,
          expiresAt: new Date(Date.now() + 400 * DAY).toISOString(),
        })
      ).status,
    ).toBe(400)
    const set = await org.manager.post(`/api/v1/accounts/${id}/health/override`, body)
    expect(set.status).toBe(201)
    expect(set.body).toMatchObject({
      score: 40,
      band: 'at_risk',
      computed: { score: 70, band: 'watch' },
      override: { score: 40, band: 'at_risk', reason: body.reason, by: org.manager.userId },
    })
    expect((await org.sales.get(`/api/v1/accounts/${id}`)).body.health).toEqual({
      score: 40,
      band: 'at_risk',
    })
    // New inputs change the computed score, never the override.
    await post(id, { metric: 'feature_usage', value: 95 })
    expect(await health(id)).toMatchObject({ score: 40, computed: { score: 74 } })
    const second = await org.admin.post(`/api/v1/accounts/${id}/health/override`, { ...body, score: 90 })
    expect(second.status).toBe(409)
    expect((await org.manager.del(`/api/v1/accounts/${id}/health/override`, {})).status).toBe(400)
    const ended = await org.manager.del(`/api/v1/accounts/${id}/health/override`, {
      reason: 'Spoke to the new sponsor',
    })
    expect(ended.status).toBe(200)
    expect(ended.body).toMatchObject({ score: 74, band: 'watch', override: null })
    const audit = await org.admin.get(`/api/v1/audit?entityId=${id}`)
    if (audit.status === 200)
      expect(audit.body.data.map((e: any) => e.action)).toEqual(
        expect.arrayContaining(['health_overridden', 'health_override_ended']),
      )
  })

  it('backtests a model against past renewals and churns', async () => {
    const outcome = async (name: string, renewed: boolean, usage: number) => {
      const id = await account(name)
      await org.sales.post('/api/v1/contracts', {
        accountId: id,
        number: `${name}-1`,
        amount: '1000',
        status: 'ended',
        startDate: dayAgo(465),
        endDate: dayAgo(100),
      })
      if (renewed)
        await org.sales.post('/api/v1/contracts', {
          accountId: id,
          number: `${name}-2`,
          amount: '1000',
          status: 'active',
          startDate: dayAgo(100),
          endDate: dayAgo(-265),
        })
      // Values as of 200 days ago: known 90 days before the end.
      await post(
        id,
        full(usage, 60, 3, 0).map((m) => ({ ...m, at: ago(200) })),
      )
      return id
    }
    await outcome('Churn A', false, 10)
    await outcome('Churn B', false, 90)
    await outcome('Renew A', true, 95)
    const [model] = (await org.admin.get('/api/v1/health-models')).body.data
    const res = await org.admin.post(`/api/v1/health-models/${model.id}/backtest`, {})
    expect(res.status).toBe(200)
    expect(res.body.churned).toEqual({ total: 2, flaggedAtRisk: 1, share: 0.5 })
    expect(res.body.renewed).toEqual({ total: 1, flaggedAtRisk: 0, share: 0 })
    // An unsaved draft: usage alone decides.
    const draft = await org.admin.post('/api/v1/health-models/backtest', {
      model: { metrics: [{ metric: 'feature_usage', weight: 100, scoring: { kind: 'identity' } }] },
    })
    expect(draft.body.churned.flaggedAtRisk).toBe(1)
  })

  it('gives the same scores in the set-based recompute as per account, and lists the board', async () => {
    const ids = [
      await account('Set A', { tier: 'strategic' }),
      await account('Set B'),
      await account('Set C'),
    ]
    await post(ids[0]!, full(70, 30, 1, 10))
    await post(ids[1]!, full(20, 200, 9, -50))
    await post(ids[2]!, full(99, 0, 0, 100).slice(0, 2))
    const before = await Promise.all(ids.map(health))
    // A strategic-tier model that weighs usage alone now scores Set A.
    const m = await org.admin.post('/api/v1/health-models', {
      name: 'Strategic',
      appliesTo: { tiers: ['strategic'] },
      metrics: [{ metric: 'feature_usage', weight: 100, scoring: { kind: 'identity' } }],
    })
    expect(m.status).toBe(201)
    const run = await org.admin.post('/api/v1/jobs/run', { job: 'health_recompute' })
    expect(run.status).toBe(200)
    expect(run.body.result.accounts).toBeGreaterThanOrEqual(3)
    const after = await Promise.all(ids.map(health))
    expect(after[0]).toMatchObject({ score: 70, modelId: m.body.id })
    expect(after.slice(1).map((h) => [h.score, h.band, h.incomplete])).toEqual(
      before.slice(1).map((h) => [h.score, h.band, h.incomplete]),
    )
    for (const [i, id] of ids.entries())
      expect((await org.sales.get(`/api/v1/accounts/${id}`)).body.health).toEqual({
        score: after[i].score,
        band: after[i].band,
      })
    const board = await org.sales.get('/api/v1/health/board')
    expect(board.status).toBe(200)
    const count = (b: string) => board.body.bands.find((x: any) => x.band === b).count
    expect(
      count('healthy') + count('watch') + count('at_risk') + count('insufficient_data') + count('unscored'),
    ).toBe(board.body.total)
    expect(count('at_risk')).toBeGreaterThan(0)
    expect((await org.outsider.get('/api/v1/health/board')).body.total).toBe(0)
  })
})
