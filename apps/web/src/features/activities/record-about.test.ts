import { describe, expect, it } from 'vitest'
import { activityAbout } from './record-about'

describe('what a record page’s activity card is about', () => {
  it('names leads, contracts and custom records with their account; accounts, contacts, deals and tickets have their own', () => {
    expect(activityAbout('leads', true, { id: 'l1', convertedAccountId: null })).toEqual({
      related: { type: 'lead', id: 'l1' },
      accountId: null,
    })
    expect(activityAbout('leads', true, { id: 'l1', convertedAccountId: 'a9' })?.accountId).toBe('a9')
    expect(activityAbout('contracts', true, { id: 'c1', accountId: 'a1' })).toEqual({
      related: { type: 'contract', id: 'c1' },
      accountId: 'a1',
    })
    const fields = [
      { key: 'name' },
      { key: 'met', custom: true, relation: { object: 'contacts' } },
      { key: 'account', custom: true, relation: { object: 'accounts' } },
    ]
    expect(
      activityAbout('site_visits', false, { id: 's1', custom: { account: 'a2', met: 'c3' } }, fields),
    ).toEqual({ related: { type: 'site_visits', id: 's1' }, accountId: 'a2' })
    expect(activityAbout('site_visits', false, { id: 's1', custom: {} }, fields)?.accountId).toBeNull()
    for (const own of ['accounts', 'contacts', 'opportunities', 'tickets', 'activities', 'tasks'])
      expect(activityAbout(own, true, { id: 'x' })).toBeNull()
  })
})
