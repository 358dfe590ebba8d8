import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'

/**
 * Activities about any record (issue 18: a feed and a composer on every record page): a lead before it has
 * an account, a contract, a custom object's record; checked, filtered, and a lead's moved on conversion.
 */
describe('activities about leads, contracts and custom records', () => {
  let env: TestEnv
  let org: Org
  const ids = {} as Record<'account' | 'other' | 'contract' | 'lead' | 'contact' | 'visit', string>

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    const account = async (name: string) => (await org.sales.post('/api/v1/accounts', { name })).body.id
    ids.account = await account('About records Co')
    ids.other = await account('Somebody else')
    ids.contact = (
      await org.sales.post('/api/v1/contacts', { accountId: ids.other, name: 'Elsewhere' })
    ).body.id
    const contract = await org.sales.post('/api/v1/contracts', {
      accountId: ids.account,
      number: 'C-ABOUT-1',
      amount: '50000.00',
      status: 'active',
    })
    expect(contract.status, JSON.stringify(contract.body)).toBe(201)
    ids.contract = contract.body.id
    ids.lead = (
      await org.sales.post('/api/v1/leads', { name: 'Lin Qiao', company: 'Qiao Logistics', source: 'event' })
    ).body.id
    const made = await org.admin.post('/api/v1/objects', {
      key: 'site_audits',
      label: 'Site audit',
      pluralLabel: 'Site audits',
      fields: [{ key: 'customer', label: 'Customer', type: 'relation', relation: { object: 'accounts' } }],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    ids.visit = (
      await org.sales.post('/api/v1/objects/site_audits/records', {
        name: 'Warehouse audit',
        custom: { customer: ids.account },
      })
    ).body.id
  }, 60_000)
  afterAll(() => env?.close())

  const post = (body: Record<string, unknown>) => org.sales.post('/api/v1/activities', body)
  const feed = async (type: string, id: string) =>
    (await org.sales.get(`/api/v1/activities?relatedType=${type}&relatedId=${id}`)).body.data as any[]

  it('a call on a lead has no account; the lead feed lists it; contacts or a deal are refused on it', async () => {
    const call = await post({ kind: 'call', subject: 'First call', relatedType: 'lead', relatedId: ids.lead })
    expect(call.status, JSON.stringify(call.body)).toBe(201)
    expect(call.body).toMatchObject({ accountId: null, relatedType: 'lead', relatedId: ids.lead })
    expect((await feed('lead', ids.lead)).map((a) => a.subject)).toEqual(['First call'])
    const withContact = await post({
      kind: 'call',
      subject: 'x',
      relatedType: 'lead',
      relatedId: ids.lead,
      contactIds: [ids.contact],
    })
    expect(withContact.status).toBe(400)
    expect(withContact.body.errors[0]).toMatchObject({ path: 'contactIds' })
    const withAccount = await post({
      kind: 'call',
      subject: 'x',
      relatedType: 'lead',
      relatedId: ids.lead,
      accountId: ids.account,
    })
    expect(withAccount.status).toBe(400)
    expect(withAccount.body.errors[0].message).toMatch(/no account yet/)
  })

  it('a meeting on a contract takes the contract’s account; another account, or neither, is refused', async () => {
    const m = await post({
      kind: 'meeting',
      subject: 'Contract review',
      relatedType: 'contract',
      relatedId: ids.contract,
    })
    expect(m.status, JSON.stringify(m.body)).toBe(201)
    expect(m.body.accountId).toBe(ids.account)
    expect((await feed('contract', ids.contract)).map((a) => a.id)).toEqual([m.body.id])
    // It is on the account's feed too.
    const ofAccount = (await org.sales.get(`/api/v1/activities?accountId=${ids.account}`)).body.data
    expect(ofAccount.map((a: any) => a.id)).toContain(m.body.id)
    const wrong = await post({
      kind: 'meeting',
      subject: 'x',
      relatedType: 'contract',
      relatedId: ids.contract,
      accountId: ids.other,
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ path: 'accountId', message: 'the contract belongs to another account' }),
    ])
    const neither = await post({ kind: 'note', subject: 'Floating' })
    expect(neither.status).toBe(400)
    expect(neither.body.errors[0]).toMatchObject({ path: 'accountId' })
    const half = await post({ kind: 'note', subject: 'x', accountId: ids.account, relatedType: 'contract' })
    expect(half.status).toBe(400)
    expect(half.body.errors[0]).toMatchObject({ path: 'relatedId' })
    const missing = await post({
      kind: 'note',
      subject: 'x',
      relatedType: 'contract',
      relatedId: '00000000-0000-4000-8000-000000000000',
    })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]).toMatchObject({ path: 'relatedId' })
    const unknownObject = await post({
      kind: 'note',
      subject: 'x',
      relatedType: 'spaceship',
      relatedId: ids.contract,
    })
    expect(unknownObject.status).toBe(400)
    // A record another salesperson cannot read is as good as missing for them.
    const outsider = await org.outsider.post('/api/v1/activities', {
      kind: 'note',
      subject: 'x',
      relatedType: 'contract',
      relatedId: ids.contract,
    })
    expect(outsider.status).toBe(400)
    expect(outsider.body.errors[0]).toMatchObject({ path: 'relatedId' })
  })

  it('a note on a custom record takes the account of its relation field', async () => {
    const n = await post({
      kind: 'note',
      subject: 'Dock 3 needs a ramp',
      relatedType: 'site_audits',
      relatedId: ids.visit,
    })
    expect(n.status, JSON.stringify(n.body)).toBe(201)
    expect(n.body.accountId).toBe(ids.account)
    expect((await feed('site_audits', ids.visit)).map((a) => a.subject)).toEqual(['Dock 3 needs a ramp'])
  })

  it('converting the lead moves its activities to the new account, with the new contact as who it was with', async () => {
    const converted = await org.sales.post(`/api/v1/leads/${ids.lead}/convert`, {})
    expect(converted.status, JSON.stringify(converted.body)).toBe(200)
    const [call] = await feed('lead', ids.lead)
    expect(call).toMatchObject({
      subject: 'First call',
      accountId: converted.body.accountId,
      contactIds: [converted.body.contact.id],
      relatedType: 'lead',
    })
    const contact = (await org.sales.get(`/api/v1/contacts/${converted.body.contact.id}`)).body
    expect(contact.lastContactedAt).toBe(call.occurredAt)
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=lead&entityId=${ids.lead}`)).body.data
    expect(audit.find((e: any) => e.action === 'convert').after.activitiesMoved).toBe(1)
    // A converted lead's new activity goes to its account.
    const later = await post({ kind: 'email', subject: 'Welcome', relatedType: 'lead', relatedId: ids.lead })
    expect(later.status).toBe(201)
    expect(later.body.accountId).toBe(converted.body.accountId)
  })
})
