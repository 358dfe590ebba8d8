import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { outbox } from '../../core/events/outbox.table'

/**
 * Issue 18.3: one meeting without a duration on a new account made health 0, band at risk and a danger
 * alert — the one metric with data (30% of the weight) was renormalised to 100%. Below the model's
 * minimum evidence share the score is "insufficient": no band, no alert, no band-change event, no
 * renewal risk, and the missing inputs are named. With enough data the band and the alert still apply.
 */
describe('no alarm on thin evidence', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const health = async (id: string) => (await org.sales.get(`/api/v1/accounts/${id}/health`)).body
  const alertsOf = async (id: string) =>
    (await org.sales.get(`/api/v1/alerts?accountId=${id}&limit=50`)).body.data as { type: string }[]
  const bandEvents = async (id: string) =>
    env.rt.database.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.workspaceId, org.wsId),
          eq(outbox.entityId, id),
          eq(outbox.type, 'account.health_changed'),
        ),
      )

  it('gives a new account with one meeting without a duration no band, no alert, and names what is missing', async () => {
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Thin Evidence Gas Co' })).body
    // Before anything is logged: the model's four inputs are missing, nothing is scored.
    expect(await health(acc.id)).toMatchObject({ score: null, band: null, status: 'insufficient_data' })

    const meeting = await org.sales.post('/api/v1/activities', {
      accountId: acc.id,
      kind: 'meeting',
      subject: 'First visit',
    })
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201)
    // The meeting is derived into meeting_minutes = 0 (the worker), then scored.
    const h = await waitFor(async () => {
      const x = await health(acc.id)
      return x.coverage > 0 ? x : null
    })
    expect(h).toMatchObject({
      score: null,
      band: null,
      status: 'insufficient_data',
      coverage: 0.3,
      minWeightShare: 0.5,
      computed: { status: 'insufficient_data', band: null },
    })
    expect(h.missing).toEqual([
      { metric: 'feature_usage', weight: 40, label: { en: 'Feature usage %', zh: '功能使用率 %' } },
      {
        metric: 'issue_feedback',
        weight: 20,
        label: { en: 'Issues & negative feedback (30 d)', zh: '问题与负面反馈（30 天）' },
      },
      { metric: 'nps', weight: 10, label: { en: 'NPS', zh: 'NPS 净推荐值' } },
    ])
    expect(h.contributions.find((c: any) => c.metric === 'meeting_minutes')).toMatchObject({
      value: 0,
      missing: false,
      contribution: null,
    })
    // The account keeps no health, so lists, renewals and reports see no band.
    expect((await org.sales.get(`/api/v1/accounts/${acc.id}`)).body.health).toBeNull()
    // The history records the insufficient result (no score), so the panel says why.
    const hist = (await org.sales.get(`/api/v1/accounts/${acc.id}/health/history`)).body.data
    expect(hist.at(-1)).toMatchObject({ score: null, band: null, status: 'insufficient_data' })

    // An evaluation finds nothing to alert on; no band change was emitted.
    expect((await org.admin.post('/api/v1/jobs/run', { job: 'alerts_evaluate' })).status).toBe(200)
    expect(await alertsOf(acc.id)).toEqual([])
    expect(await bandEvents(acc.id)).toEqual([])
    const board = (await org.sales.get('/api/v1/health/board')).body
    expect(board.bands.find((b: any) => b.band === 'insufficient_data').count).toBeGreaterThanOrEqual(1)
  })

  it('still bands an account with enough data at risk and alerts on it', async () => {
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Enough Evidence Ltd' })).body
    // 70% of the weight: usage 5 and 0 meeting minutes → (40·5 + 30·0) / 70 = 2.86, at risk.
    const res = await org.sales.post(`/api/v1/accounts/${acc.id}/metrics`, [
      { metric: 'feature_usage', value: 5 },
      { metric: 'meeting_minutes', value: 0 },
    ])
    expect(res.status).toBe(201)
    expect(await health(acc.id)).toMatchObject({
      score: 2.86,
      band: 'at_risk',
      status: 'scored',
      coverage: 0.7,
    })
    const alerts = await waitFor(async () => {
      const list = await alertsOf(acc.id)
      return list.some((a) => a.type === 'band_at_risk') ? list : null
    })
    expect(alerts.filter((a) => a.type === 'band_at_risk')).toHaveLength(1)
    expect((await bandEvents(acc.id)).map((e) => (e.payload as { to: string }).to)).toEqual(['at_risk'])
  })

  it('lets an administrator set the minimum share, refuses one outside 0–1 with a specific 400 and changes nothing', async () => {
    const [model] = (await org.admin.get('/api/v1/health-models?isDefault=true')).body.data
    expect(model.minWeightShare).toBe(0.5)
    for (const bad of [1.5, -0.2, 'half']) {
      const r = await org.admin.patch(`/api/v1/health-models/${model.id}`, {
        version: model.version,
        minWeightShare: bad,
      })
      expect(r.status).toBe(400)
      expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['minWeightShare'])
    }
    expect((await org.admin.get(`/api/v1/health-models/${model.id}`)).body).toMatchObject({
      version: model.version,
      minWeightShare: 0.5,
    })
    const ok = await org.admin.patch(`/api/v1/health-models/${model.id}`, {
      version: model.version,
      minWeightShare: 0.25,
    })
    expect(ok.status).toBe(200)
    expect(ok.body.minWeightShare).toBe(0.25)
    // A salesperson may not change it.
    expect(
      (
        await org.sales.patch(`/api/v1/health-models/${model.id}`, {
          version: ok.body.version,
          minWeightShare: 0.9,
        })
      ).status,
    ).toBe(403)
    // At 25%, one meeting (30%) is enough for a score again: the rescore names the new state.
    const acc = (await org.sales.post('/api/v1/accounts', { name: 'Low Bar Co' })).body
    await org.sales.post(`/api/v1/accounts/${acc.id}/metrics`, [{ metric: 'meeting_minutes', value: 60 }])
    expect(await health(acc.id)).toMatchObject({ score: 50, band: 'at_risk', status: 'scored' })
    await org.admin.patch(`/api/v1/health-models/${model.id}`, {
      version: ok.body.version,
      minWeightShare: 0.5,
    })
  })
})
