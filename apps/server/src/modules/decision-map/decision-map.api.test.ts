import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const roles = ['user', 'technical_evaluator', 'influencer', 'financial_controller', 'economic_buyer']

describe('decision map (R-06)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const account = async (name: string) =>
    (await org.sales.post('/api/v1/accounts', { name })).body.id as string
  const contact = async (accountId: string, body: Record<string, unknown>) => {
    const r = await org.sales.post('/api/v1/contacts', { accountId, ...body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body as { id: string; version: number }
  }
  const meet = async (accountId: string, contactIds: string[], daysAgo: number) => {
    const r = await org.sales.post('/api/v1/activities', {
      accountId,
      kind: 'meeting',
      subject: 'Meeting',
      contactIds,
      occurredAt: ago(daysAgo),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
  }
  const map = async (id: string) => {
    const r = await org.sales.get(`/api/v1/accounts/${id}/decision-map`)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body
  }
  const codes = async (id: string) => (await map(id)).gaps.map((g: { code: string }) => g.code).sort()
  /** An account whose committee covers every role, each met `days` ago in separate meetings. */
  const fullAccount = async (name: string, days = 1) => {
    const id = await account(name)
    const people: Record<string, string> = {}
    for (const role of roles) {
      people[role] = (await contact(id, { name: `${name} ${role}`, buyingRole: role, influence: 3 })).id
      await meet(id, [people[role]!], days)
    }
    return { id, people }
  }

  it('returns an empty account with every role uncovered', async () => {
    const id = await account('Empty')
    const m = await map(id)
    expect(m.contacts).toEqual([])
    expect(m.gaps.map((g: { role: string }) => g.role)).toEqual(roles)
    expect(m.gaps.every((g: { code: string }) => g.code === 'role_uncovered')).toBe(true)
  })

  it('finds no gap on a full committee met recently, and returns the map data', async () => {
    const { id, people } = await fullAccount('Full')
    expect(await codes(id)).toEqual([])
    const m = await map(id)
    const eb = m.contacts.find((c: { id: string }) => c.id === people.economic_buyer)
    expect(eb).toMatchObject({
      buyingRole: 'economic_buyer',
      influence: 3,
      former: false,
      influences: [],
      nextBestAction: { code: 'share_material' },
    })
    expect(new Date(eb.lastContactAt).getTime()).toBeGreaterThan(Date.now() - 2 * DAY)
    expect(Object.keys(m.playbook)).toEqual(roles)
  })

  it('reports role_uncovered, and not once a contact takes the role; a former contact covers none', async () => {
    const { id, people } = await fullAccount('Roles')
    const fc = (await org.sales.get(`/api/v1/contacts/${people.financial_controller}`)).body
    await org.sales.patch(`/api/v1/contacts/${fc.id}`, { version: fc.version, active: false })
    const m = await map(id)
    expect(m.gaps).toEqual([
      expect.objectContaining({
        code: 'role_uncovered',
        role: 'financial_controller',
        message: expect.any(String),
      }),
    ])
    expect(m.contacts.find((c: { id: string }) => c.id === fc.id)).toMatchObject({
      former: true,
      nextBestAction: { code: 'find_successor' },
    })
    await contact(id, { name: 'New FC', buyingRole: 'financial_controller' })
    expect(await codes(id)).toEqual([])
  })

  it('reports economic_buyer_not_met after 90 days without a meeting, and not within', async () => {
    const { id, people } = await fullAccount('Buyer', 100)
    // Everyone else met recently in separate meetings so only the buyer is stale.
    for (const role of roles.filter((r) => r !== 'economic_buyer')) await meet(id, [people[role]!], 1)
    expect(await codes(id)).toEqual(['economic_buyer_not_met'])
    await meet(id, [people.economic_buyer!], 89)
    expect(await codes(id)).toEqual([])
  })

  it('reports high_influence_blocker for influence ≥ 4 and a skeptic or blocker, not below', async () => {
    const { id } = await fullAccount('Blocker')
    const low = await contact(id, { name: 'Low', influence: 3, stance: 'blocker' })
    expect(await codes(id)).toEqual([])
    const b = await contact(id, { name: 'High', influence: 4, stance: 'skeptic' })
    const m = await map(id)
    expect(m.gaps).toEqual([expect.objectContaining({ code: 'high_influence_blocker', contactId: b.id })])
    expect(m.gaps.some((g: { contactId: string }) => g.contactId === low.id)).toBe(false)
  })

  it('reports single_threaded when 3+ recent activities all go through one contact', async () => {
    const { id, people } = await fullAccount('Thread', 120)
    for (const role of roles.filter((r) => r !== 'economic_buyer')) await meet(id, [people[role]!], 120)
    const only = people.user!
    await meet(id, [only], 5)
    await meet(id, [only], 4)
    expect((await codes(id)).includes('single_threaded')).toBe(false) // two are too few
    await meet(id, [only], 3)
    expect((await map(id)).gaps).toContainEqual(
      expect.objectContaining({ code: 'single_threaded', contactId: only }),
    )
    await meet(id, [people.technical_evaluator!], 2)
    expect((await codes(id)).includes('single_threaded')).toBe(false)
  })

  it('reports champion_silent after 30 days without contact with a champion, not within', async () => {
    const { id } = await fullAccount('Champion')
    const champ = await contact(id, { name: 'Champ', stance: 'champion' })
    await meet(id, [champ.id], 31)
    expect((await map(id)).gaps).toEqual([
      expect.objectContaining({ code: 'champion_silent', contactId: champ.id }),
    ])
    await meet(id, [champ.id], 29)
    expect(await codes(id)).toEqual([])
  })

  it('returns 404 for an account of another workspace or not visible', async () => {
    const id = await account('Private')
    expect((await org.outsider.get(`/api/v1/accounts/${id}/decision-map`)).status).toBe(404)
  })

  it('refuses a reporting loop of any length with the chain named, a self-report and another account', async () => {
    const id = await account('Org chart')
    const a = await contact(id, { name: 'Alice' })
    const b = await contact(id, { name: 'Bob', reportsToId: a.id })
    const c = await contact(id, { name: 'Carol', reportsToId: b.id })
    const loop = await org.sales.post(`/api/v1/contacts/${a.id}/reports-to`, { reportsToId: c.id })
    expect(loop.status).toBe(422)
    expect(loop.body).toMatchObject({ code: 'reporting_cycle', chain: [a.id, c.id, b.id, a.id] })
    expect(loop.body.detail).toContain('Alice → Carol → Bob → Alice')
    const self = await org.sales.post(`/api/v1/contacts/${a.id}/reports-to`, { reportsToId: a.id })
    expect(self).toMatchObject({ status: 422, body: { code: 'reporting_cycle' } })
    const other = await contact(await account('Elsewhere'), { name: 'Stranger' })
    const cross = await org.sales.post(`/api/v1/contacts/${a.id}/reports-to`, { reportsToId: other.id })
    expect(cross).toMatchObject({ status: 422, body: { code: 'reporting_other_account' } })
    const ok = await org.sales.post(`/api/v1/contacts/${c.id}/reports-to`, { reportsToId: a.id })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.reportsToId).toBe(a.id)
    const stale = await org.sales.post(`/api/v1/contacts/${c.id}/reports-to`, {
      reportsToId: null,
      version: 1,
    })
    expect(stale.status).toBe(409)
  })

  it('stores the new map fields on contacts', async () => {
    const id = await account('Fields')
    const a = await contact(id, { name: 'A' })
    const b = await contact(id, {
      name: 'Economic buyer (to identify)',
      placeholder: true,
      buyingRole: 'economic_buyer',
      influences: [a.id],
      relationshipLevel: 2,
      targetLevel: 4,
    })
    const m = await map(id)
    expect(m.contacts.find((c: { id: string }) => c.id === b.id)).toMatchObject({
      placeholder: true,
      influences: [a.id],
      relationshipLevel: 2,
      targetLevel: 4,
      nextBestAction: { code: 'identify_person' },
    })
    expect(m.gaps).toContainEqual(expect.objectContaining({ code: 'role_uncovered', role: 'economic_buyer' }))
  })

  it('lists visible accounts with their gaps, filtered by code and owner', async () => {
    const { id } = await fullAccount('Report')
    await contact(id, { name: 'Big blocker', influence: 5, stance: 'blocker' })
    const r = await org.sales.get('/api/v1/decision-map/gaps?code=high_influence_blocker')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const row = r.body.data.find((d: { account: { id: string } }) => d.account.id === id)
    expect(row.gaps.map((g: { code: string }) => g.code)).toEqual(['high_influence_blocker'])
    expect(
      r.body.data.every((d: { gaps: { code: string }[] }) =>
        d.gaps.every((g) => g.code === 'high_influence_blocker'),
      ),
    ).toBe(true)
    const outsider = await org.outsider.get('/api/v1/decision-map/gaps')
    expect(outsider.body.data.some((d: { account: { id: string } }) => d.account.id === id)).toBe(false)
  })

  it('serves the default playbook and lets an administrator replace it', async () => {
    const pb = (await org.sales.get('/api/v1/decision-map/playbook')).body
    expect(Object.keys(pb)).toEqual(roles)
    const next = { ...pb, user: { approach: 'Hands-on workshop', materials: ['Sandbox'] } }
    expect((await org.sales.put('/api/v1/decision-map/playbook', next)).status).toBe(403)
    const put = await org.admin.put('/api/v1/decision-map/playbook', next)
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect((await org.sales.get('/api/v1/decision-map/playbook')).body.user.approach).toBe(
      'Hands-on workshop',
    )
    expect((await org.admin.put('/api/v1/decision-map/playbook', { user: {} })).status).toBe(400)
  })
})
