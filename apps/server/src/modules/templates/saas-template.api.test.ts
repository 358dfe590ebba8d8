import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caller, startTestApp, type Caller, type TestEnv } from '../../../test/harness'
import { upgradeWorkspaces } from '.'

let env: TestEnv
let admin: Caller
beforeAll(async () => {
  env = await startTestApp()
}, 60_000)
afterAll(() => env?.close())

describe('the SaaS built-in template', () => {
  it('is chosen at set-up and gives the workspace its pipeline, health model and tiers by ARR', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        workspaceName: 'Cloudy SaaS',
        locale: 'en',
        template: 'saas',
        adminName: 'Li Na',
        email: 'li.na@example.com',
        password: 'first-admin-pw',
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    admin = caller(env.app, res.json().token)
    const pipelines = (await admin.get('/api/v1/pipelines')).body.data
    expect(pipelines).toHaveLength(1)
    expect(pipelines[0]).toMatchObject({ name: 'SaaS subscription', isDefault: true, template: 'sop' })
    expect(pipelines[0].stages.map((s: { name: string }) => s.name)).toEqual([
      'Trial & discovery',
      'Proof of value',
      'Subscription terms',
      'Onboarding',
      'Adoption & renewal',
    ])
    // The stage rules follow the SaaS stages' tasks.
    const sop = (await admin.get('/api/v1/rules?template=sop_negotiation')).body.data
    expect(sop[0].actions[0].task.title).toBe('Send the order form to {{record.name}}')
    const models = (await admin.get('/api/v1/health-models')).body.data
    expect(models).toHaveLength(1)
    expect(models[0]).toMatchObject({ name: 'SaaS health model', isDefault: true, template: 'default' })
    expect(models[0].metrics.map((m: { metric: string }) => m.metric)).toEqual([
      'login_frequency',
      'active_user_trend',
      'feature_usage',
      'payment_timeliness',
      'nps',
      // Relationship signals are one of its inputs (SPEC R-29; ADR 0036): no open relationship alert is full marks.
      'relationship_signals',
    ])
    expect(models[0].metrics.reduce((s: number, m: { weight: number }) => s + Number(m.weight), 0)).toBe(100)
    const tiers = (await admin.get('/api/v1/tier-rules')).body
    expect(tiers).toMatchObject({
      strategicMin: '1000000.00',
      growthMin: '200000.00',
      leaderIsStrategic: false,
    })
    // The default template's other parts are there (alert rules, dashboards).
    expect((await admin.get('/api/v1/alert-rules')).body.data.length).toBeGreaterThan(0)
  }, 60_000)

  it('stays itself when the server upgrades workspaces at start-up', async () => {
    const before = (await admin.get('/api/v1/workspace-template')).body
    await upgradeWorkspaces(env.rt.database.db, env.rt.events)
    const after = (await admin.get('/api/v1/workspace-template')).body
    expect(after.objects).toEqual(before.objects)
  }, 60_000)
})
