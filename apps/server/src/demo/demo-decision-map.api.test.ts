import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { findWorkspaceBySlug } from '../modules/workspaces'
import { systemPrincipal } from '../core/access/permissions'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './seed'
import { seedDecisionMapDemo } from './demo-decision-map'

describe('the decision-map demo', () => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp()
    await env.rt.database.db.transaction((tx) => seedDemo(tx, env.rt.events, { lang: 'en' }))
    admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
  }, 120_000)
  afterAll(() => env?.close())

  it('has every gap kind on some account, a champion who left and reporting chains', async () => {
    const r = await admin.get('/api/v1/decision-map/gaps')
    expect(r.status).toBe(200)
    const codes = new Set(r.body.data.flatMap((d: { gaps: { code: string }[] }) => d.gaps.map((g) => g.code)))
    expect([...codes].sort()).toEqual([
      'champion_silent',
      'economic_buyer_not_met',
      'high_influence_blocker',
      'role_uncovered',
      'single_threaded',
    ])
    const contacts = (await admin.get('/api/v1/contacts?limit=500&stance=champion&active=false')).body.data
    expect(contacts.length).toBeGreaterThan(0)
    const placeholders = (await admin.get('/api/v1/contacts?limit=500&q=Finance Controller')).body.data
    expect(placeholders.some((c: { placeholder: boolean }) => c.placeholder)).toBe(true)
  })

  it('runs its part of the seed in well under 100 ms', async () => {
    const ws = (await findWorkspaceBySlug(env.rt.database.db, 'demo'))!
    const ctx = { ws: ws.id, principal: systemPrincipal(ws.id), events: env.rt.events }
    const t0 = performance.now()
    await env.rt.database.db
      .transaction(async (tx) => {
        await seedDecisionMapDemo(tx, ctx, 'en')
        tx.rollback()
      })
      .catch(() => undefined)
    expect(performance.now() - t0).toBeLessThan(100)
  })
})
