import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

/** Activities linked to contacts and deals (issue 18.2): the feeds, the checks, and what follows them. */
describe('activities with contacts and a deal', () => {
  let env: TestEnv
  let org: Org
  const ids = {} as Record<
    'account' | 'other' | 'champion' | 'buyer' | 'foreignContact' | 'deal' | 'foreignDeal',
    string
  >

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const account = async (name: string) => (await org.sales.post('/api/v1/accounts', { name })).body.id
    ids.account = await account('Linked activities')
    ids.other = await account('Another customer')
    const contact = async (accountId: string, body: Record<string, unknown>) => {
      const r = await org.sales.post('/api/v1/contacts', { accountId, ...body })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      return r.body.id as string
    }
    ids.champion = await contact(ids.account, { name: 'Champion', stance: 'champion', buyingRole: 'user' })
    ids.buyer = await contact(ids.account, { name: 'Buyer', buyingRole: 'economic_buyer' })
    ids.foreignContact = await contact(ids.other, { name: 'Elsewhere' })
    ids.deal = (
      await org.sales.post('/api/v1/opportunities', { accountId: ids.account, name: 'Deal' })
    ).body.id
    ids.foreignDeal = (
      await org.sales.post('/api/v1/opportunities', { accountId: ids.other, name: 'Other deal' })
    ).body.id
  }, 60_000)
  afterAll(() => env?.close())

  const gaps = async () =>
    (await org.sales.get(`/api/v1/accounts/${ids.account}/decision-map`)).body.gaps.map(
      (g: { code: string; contactId?: string }) => `${g.code}:${g.contactId ?? ''}`,
    ) as string[]

  it('a meeting naming two contacts and the deal: last contact, decision-map warnings and both feeds follow', async () => {
    expect(await gaps()).toContain(`champion_silent:${ids.champion}`)
    expect((await gaps()).some((g) => g.startsWith('economic_buyer_not_met:'))).toBe(true)
    const meeting = await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'meeting',
      subject: 'Steering meeting',
      contactIds: [ids.champion, ids.buyer],
      opportunityId: ids.deal,
      durationMinutes: 60,
      body: 'Agreed on the pilot scope.',
    })
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201)
    expect(meeting.body.contactIds).toEqual([ids.champion, ids.buyer])
    for (const c of [ids.champion, ids.buyer])
      expect((await org.sales.get(`/api/v1/contacts/${c}`)).body.lastContactedAt).toBe(
        meeting.body.occurredAt,
      )
    const after = await gaps()
    expect(after).not.toContain(`champion_silent:${ids.champion}`)
    expect(after.some((g) => g.startsWith('economic_buyer_not_met:'))).toBe(false)
    const dm = (await org.sales.get(`/api/v1/accounts/${ids.account}/decision-map`)).body
    expect(dm.contacts.find((c: { id: string }) => c.id === ids.champion).lastContactAt).toBe(
      meeting.body.occurredAt,
    )

    // A call with the champion only, on no deal.
    const call = await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'call',
      subject: 'Follow-up call',
      contactIds: [ids.champion],
    })
    expect(call.status).toBe(201)
    const ofChampion = await org.sales.get(`/api/v1/activities?contactIds=${ids.champion}`)
    expect(ofChampion.body.data.map((a: { id: string }) => a.id).sort()).toEqual(
      [meeting.body.id, call.body.id].sort(),
    )
    const ofBuyer = await org.sales.get(`/api/v1/activities?contactIds=${ids.buyer}`)
    expect(ofBuyer.body.data.map((a: { id: string }) => a.id)).toEqual([meeting.body.id])
    const ofDeal = await org.sales.get(`/api/v1/activities?opportunityId=${ids.deal}`)
    expect(ofDeal.body.data.map((a: { id: string }) => a.id)).toEqual([meeting.body.id])
    const bad = await org.sales.get('/api/v1/activities?contactIds=nope')
    expect(bad.status).toBe(400)
  })

  it('refuses contacts and a deal of another account (400 on the field), and records nothing', async () => {
    const before = (await org.sales.get(`/api/v1/activities?accountId=${ids.account}&limit=100`)).body.data
      .length
    const r = await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'meeting',
      subject: 'Wrong people',
      contactIds: [ids.champion, ids.foreignContact],
      opportunityId: ids.foreignDeal,
    })
    expect(r.status).toBe(400)
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contactIds', 'opportunityId'])
    expect(r.body.errors[0].message).toMatch(/account/)
    const after = (await org.sales.get(`/api/v1/activities?accountId=${ids.account}&limit=100`)).body.data
      .length
    expect(after).toBe(before)
    expect((await org.sales.get(`/api/v1/contacts/${ids.foreignContact}`)).body.lastContactedAt).toBeNull()

    // Moving an activity to another account without changing its contacts is refused too.
    const ok = await org.sales.post('/api/v1/activities', {
      accountId: ids.account,
      kind: 'note',
      subject: 'Note',
      contactIds: [ids.buyer],
    })
    const moved = await org.sales.patch(`/api/v1/activities/${ok.body.id}`, {
      accountId: ids.other,
      version: ok.body.version,
    })
    expect(moved.status).toBe(400)
    expect(moved.body.errors.map((e: { path: string }) => e.path)).toEqual(['contactIds'])
  })
})
