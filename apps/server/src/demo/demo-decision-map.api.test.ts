import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './seed'
import { sql } from 'drizzle-orm'
import { opportunityCommitteeMembers } from '../modules/decision-map'
import { contacts } from '../modules/contacts'

describe('the decision-map demo', () => {
  let env: TestEnv
  let admin: Caller

  beforeAll(async () => {
    env = await startTestApp({ demo: 'en' })
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

  it('has an open deal with its own committee showing a gap its account does not have, and influence links', async () => {
    const rows = await env.rt.database.db.select().from(opportunityCommitteeMembers)
    const dealIds = [...new Set(rows.map((r) => r.opportunityId))]
    expect(dealIds).toHaveLength(1)
    const deal = await admin.get(`/api/v1/opportunities/${dealIds[0]}/decision-map`)
    expect(deal.status).toBe(200)
    expect(deal.body).toMatchObject({ scope: 'opportunity', opportunityId: dealIds[0] })
    expect(deal.body.contacts.length).toBeGreaterThanOrEqual(3)
    expect(deal.body.gaps).toContainEqual(
      expect.objectContaining({ code: 'role_uncovered', role: 'economic_buyer' }),
    )
    const account = await admin.get(`/api/v1/accounts/${deal.body.accountId}/decision-map`)
    expect(account.body.gaps.some((g: { role?: string }) => g.role === 'economic_buyer')).toBe(false)
    expect((await admin.get(`/api/v1/opportunities/${dealIds[0]}`)).body.status).toBe('open')
    const linked = await env.rt.database.db
      .select({ id: contacts.id, accountId: contacts.accountId })
      .from(contacts)
      .where(sql`cardinality(${contacts.influences}) > 0`)
    expect(linked).toHaveLength(5)
    const m = (await admin.get(`/api/v1/accounts/${linked[0]!.accountId}/decision-map`)).body
    const from = m.contacts.find((c: { id: string }) => c.id === linked[0]!.id)
    const to = m.contacts.find((c: { id: string }) => c.id === from.influences[0])
    expect(to.buyingRole).toBe('economic_buyer')
  })
})
