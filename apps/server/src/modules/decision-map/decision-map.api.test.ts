import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { outbox } from '../../core/events/outbox.table'

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

  describe('gap rules as workspace settings', () => {
    it('serves the default thresholds to anyone in the workspace until an administrator changes them', async () => {
      const own = await makeOrg(env)
      const rules = await own.sales.get('/api/v1/decision-map/gap-rules')
      expect(rules.status, JSON.stringify(rules.body)).toBe(200)
      expect(rules.body).toMatchObject({
        economicBuyerDays: 90,
        championSilentDays: 30,
        blockerInfluence: 4,
        singleThreadDays: 90,
        singleThreadMinActivities: 3,
        defaults: { championSilentDays: 30 },
        updatedAt: null,
      })
    })

    it('lets an administrator raise championSilentDays to 60, so a champion met 45 days ago is no gap', async () => {
      const own = await makeOrg(env)
      const id = (await own.sales.post('/api/v1/accounts', { name: 'Patient' })).body.id as string
      for (const role of roles) {
        const c = await own.sales.post('/api/v1/contacts', { accountId: id, name: role, buyingRole: role })
        await own.sales.post('/api/v1/activities', {
          accountId: id,
          kind: 'meeting',
          subject: 'Meeting',
          contactIds: [c.body.id],
          occurredAt: ago(1),
        })
      }
      const champ = (
        await own.sales.post('/api/v1/contacts', { accountId: id, name: 'Champ', stance: 'champion' })
      ).body
      await own.sales.post('/api/v1/activities', {
        accountId: id,
        kind: 'call',
        subject: 'Call',
        contactIds: [champ.id],
        occurredAt: ago(45),
      })
      const gapsOf = async () =>
        (await own.sales.get(`/api/v1/accounts/${id}/decision-map`)).body.gaps.map(
          (g: { code: string }) => g.code,
        )
      const reported = async () =>
        (await own.sales.get('/api/v1/decision-map/gaps?code=champion_silent')).body.data.some(
          (d: { account: { id: string } }) => d.account.id === id,
        )
      expect(await gapsOf()).toEqual(['champion_silent'])
      expect(await reported()).toBe(true)

      const current = (await own.admin.get('/api/v1/decision-map/gap-rules')).body
      const { defaults: _d, updatedAt: _u, ...values } = current
      const put = await own.admin.put('/api/v1/decision-map/gap-rules', { ...values, championSilentDays: 60 })
      expect(put.status, JSON.stringify(put.body)).toBe(200)
      expect(put.body).toMatchObject({ championSilentDays: 60, defaults: { championSilentDays: 30 } })
      expect(put.body.updatedAt).toEqual(expect.any(String))
      expect((await own.sales.get('/api/v1/decision-map/gap-rules')).body.championSilentDays).toBe(60)
      expect(await gapsOf()).toEqual([])
      expect(await reported()).toBe(false)

      const audit = (await own.admin.get('/api/v1/audit-log?entityType=gap_rules')).body.data
      expect(audit[0]).toMatchObject({
        action: 'update',
        actorId: own.admin.userId,
        before: { championSilentDays: 30 },
        after: { championSilentDays: 60 },
      })
      const events = await env.rt.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.type, 'gap_rules.updated'), eq(outbox.entityId, audit[0].entityId)))
      expect(events.map((e) => e.payload)).toEqual([{ changed: ['championSilentDays'] }])
    })

    it('refuses out-of-range values with every field listed, and saves nothing', async () => {
      const own = await makeOrg(env)
      const before = (await own.admin.get('/api/v1/decision-map/gap-rules')).body
      const bad = await own.admin.put('/api/v1/decision-map/gap-rules', {
        economicBuyerDays: 0,
        championSilentDays: 12.5,
        blockerInfluence: 6,
        singleThreadDays: 90,
        singleThreadMinActivities: 1,
        extra: 1,
      })
      expect(bad.status).toBe(400)
      expect(bad.body.code).toBe('invalid_input')
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'blockerInfluence',
        'championSilentDays',
        'economicBuyerDays',
        'extra',
        'singleThreadMinActivities',
      ])
      expect(bad.body.errors).toContainEqual({ path: 'blockerInfluence', message: 'must be from 1 to 5' })
      const missing = await own.admin.put('/api/v1/decision-map/gap-rules', { championSilentDays: 60 })
      expect(missing.status).toBe(400)
      expect((await own.admin.get('/api/v1/decision-map/gap-rules')).body).toEqual(before)
    })

    it('refuses a non-administrator with 403 and saves nothing', async () => {
      const own = await makeOrg(env)
      const { defaults, updatedAt: _u } = (await own.sales.get('/api/v1/decision-map/gap-rules')).body
      const res = await own.sales.put('/api/v1/decision-map/gap-rules', {
        ...defaults,
        championSilentDays: 60,
      })
      expect(res.status).toBe(403)
      expect((await own.manager.put('/api/v1/decision-map/gap-rules', defaults)).status).toBe(403)
      expect((await own.sales.get('/api/v1/decision-map/gap-rules')).body).toMatchObject({
        championSilentDays: 30,
        updatedAt: null,
      })
    })
  })

  it('stores influences between contacts of one account and refuses others with a field error each', async () => {
    const id = await account('Influences')
    const a = await contact(id, { name: 'A' })
    const b = await contact(id, { name: 'B' })
    const c = await contact(id, { name: 'C', influences: [a.id, b.id] })
    expect((await map(id)).contacts.find((x: { id: string }) => x.id === c.id).influences).toEqual([
      a.id,
      b.id,
    ])
    const stranger = await contact(await account('Influences elsewhere'), { name: 'Stranger' })
    const missing = '00000000-0000-4000-8000-000000000000'
    const bad = await org.sales.patch(`/api/v1/contacts/${c.id}`, {
      version: 1,
      influences: [a.id, c.id, stranger.id, missing, a.id],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([
      { path: 'influences.1', message: 'a contact cannot influence themself' },
      { path: 'influences.2', message: 'must be a contact of the same account' },
      { path: 'influences.3', message: 'no such contact in this workspace' },
      { path: 'influences.4', message: 'this contact is listed twice' },
    ])
    const created = await org.sales.post('/api/v1/contacts', {
      accountId: id,
      name: 'D',
      influences: [stranger.id],
    })
    expect(created.status).toBe(400)
    expect(created.body.errors).toEqual([
      { path: 'influences.0', message: 'must be a contact of the same account' },
    ])
    const cleared = await org.sales.patch(`/api/v1/contacts/${c.id}`, { version: 1, influences: [] })
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200)
    expect(cleared.body.influences).toEqual([])
  })

  describe('per-deal buying committee', () => {
    const deal = async (accountId: string, who = org.sales) => {
      const r = await who.post('/api/v1/opportunities', { accountId, name: 'Deal' })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body.id as string
    }
    const dealMap = async (id: string) => {
      const r = await org.sales.get(`/api/v1/opportunities/${id}/decision-map`)
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      return r.body
    }

    it("answers the account's map until the deal has its own committee, then only the committee's", async () => {
      const { id, people } = await fullAccount('Committee')
      const opp = await deal(id)
      const whole = await dealMap(opp)
      expect(whole).toMatchObject({ opportunityId: opp, scope: 'account', committeeContactIds: [], gaps: [] })
      expect(whole.contacts).toHaveLength(5)

      const members = [people.user!, people.technical_evaluator!, people.financial_controller!]
      const put = await org.sales.put(`/api/v1/opportunities/${opp}/committee`, { contactIds: members })
      expect(put.status, JSON.stringify(put.body)).toBe(200)
      expect(put.body).toMatchObject({ scope: 'opportunity', opportunityId: opp })
      expect([...put.body.committeeContactIds].sort()).toEqual([...members].sort())
      expect(put.body.contacts.map((c: { id: string }) => c.id).sort()).toEqual([...members].sort())
      // The committee lacks an influencer and an economic buyer, though the account has both.
      expect(put.body.gaps.map((g: { role: string }) => g.role)).toEqual(['influencer', 'economic_buyer'])
      expect((await map(id)).gaps).toEqual([])
      expect(await dealMap(opp)).toEqual(put.body)

      const audit = (await org.admin.get(`/api/v1/audit-log?entityType=opportunity&entityId=${opp}`)).body
        .data
      expect(audit[0]).toMatchObject({
        action: 'update_committee',
        before: { committeeContactIds: [] },
        after: { committeeContactIds: members },
      })
      const events = await env.rt.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.type, 'opportunity.committee_changed'), eq(outbox.entityId, opp)))
      expect(events).toHaveLength(1)
      expect(events[0]!.payload).toMatchObject({ accountId: id, added: members, removed: [] })

      const cleared = await org.sales.put(`/api/v1/opportunities/${opp}/committee`, { contactIds: [] })
      expect(cleared.body).toMatchObject({ scope: 'account', committeeContactIds: [], gaps: [] })
    })

    it('computes single-threading and the champion rule on the committee members only', async () => {
      const { id, people } = await fullAccount('Committee threads', 120)
      const opp = await deal(id)
      const champ = await contact(id, { name: 'Committee champ', stance: 'champion' })
      await org.sales.put(`/api/v1/opportunities/${opp}/committee`, {
        contactIds: [...Object.values(people), champ.id],
      })
      // Three recent meetings through the user, another through someone outside the committee.
      for (const d of [3, 4, 5]) await meet(id, [people.user!], d)
      const outside = await contact(id, { name: 'Outside' })
      await meet(id, [outside.id], 2)
      const codesOf = async () =>
        (await dealMap(opp)).gaps.map((g: { code: string }) => g.code).sort() as string[]
      expect(await codesOf()).toEqual(['champion_silent', 'economic_buyer_not_met', 'single_threaded'])
      expect((await codes(id)).includes('single_threaded')).toBe(false)
      await meet(id, [champ.id, people.economic_buyer!], 1)
      expect(await codesOf()).toEqual([])
    })

    it('refuses contacts of another account, unknown or listed twice, with a field error each', async () => {
      const { id, people } = await fullAccount('Committee checks')
      const opp = await deal(id)
      const stranger = await contact(await account('Committee elsewhere'), { name: 'Stranger' })
      const missing = '00000000-0000-4000-8000-000000000000'
      const bad = await org.sales.put(`/api/v1/opportunities/${opp}/committee`, {
        contactIds: [people.user, stranger.id, missing, people.user],
      })
      expect(bad.status).toBe(400)
      expect(bad.body.errors).toEqual([
        { path: 'contactIds.1', message: "must be a contact of the deal's account" },
        { path: 'contactIds.2', message: 'no such contact in this workspace' },
        { path: 'contactIds.3', message: 'this contact is listed twice' },
      ])
      expect((await dealMap(opp)).scope).toBe('account')
      const notId = await org.sales.put(`/api/v1/opportunities/${opp}/committee`, { contactIds: ['x'] })
      expect(notId.status).toBe(400)
    })

    it('hides a deal from people who cannot see it', async () => {
      const { id, people } = await fullAccount('Committee private')
      const opp = await deal(id)
      expect((await org.outsider.get(`/api/v1/opportunities/${opp}/decision-map`)).status).toBe(404)
      const put = await org.outsider.put(`/api/v1/opportunities/${opp}/committee`, {
        contactIds: [people.user],
      })
      expect(put.status).toBe(404)
      expect((await dealMap(opp)).scope).toBe('account')
    })
  })
})
