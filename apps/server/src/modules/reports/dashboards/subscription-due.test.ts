import { describe, expect, it } from 'vitest'
import { dueNow, localParts, type DueSubscription } from './subscription-due'

// 2026-12-07 is a Monday; Shanghai is UTC+8, so 00:00Z is 08:00 there.
const sub = (over: Partial<DueSubscription> = {}): DueSubscription => ({
  enabled: true,
  frequency: 'daily',
  hour: 8,
  lastSentAt: null,
  ...over,
})

describe('dueNow', () => {
  it.each([
    ['daily, at its hour, never sent', sub(), '2026-12-08T00:00:00Z', true],
    ['daily, an hour before', sub(), '2026-12-07T23:00:00Z', false],
    ['daily, later that day after a missed run', sub(), '2026-12-08T05:00:00Z', true],
    ['daily, sent earlier today', sub({ lastSentAt: '2026-12-08T00:00:05Z' }), '2026-12-08T01:00:00Z', false],
    ['daily, sent yesterday', sub({ lastSentAt: '2026-12-07T00:00:05Z' }), '2026-12-08T00:00:00Z', true],
    ['disabled', sub({ enabled: false }), '2026-12-08T00:00:00Z', false],
    ['weekly on a Monday', sub({ frequency: 'weekly' }), '2026-12-07T00:00:00Z', true],
    ['weekly on a Tuesday', sub({ frequency: 'weekly' }), '2026-12-08T00:00:00Z', false],
    [
      'weekly, sent this Monday already',
      sub({ frequency: 'weekly', lastSentAt: '2026-12-07T00:00:01Z' }),
      '2026-12-07T03:00:00Z',
      false,
    ],
    [
      'weekly, sent last Monday',
      sub({ frequency: 'weekly', lastSentAt: '2026-11-30T00:00:01Z' }),
      '2026-12-07T00:00:00Z',
      true,
    ],
    ['monthly on the 1st', sub({ frequency: 'monthly' }), '2027-01-01T00:00:00Z', true],
    ['monthly on the 2nd', sub({ frequency: 'monthly' }), '2027-01-02T00:00:00Z', false],
    [
      'monthly, sent on the 1st of the month before',
      sub({ frequency: 'monthly', lastSentAt: '2026-12-01T00:00:00Z' }),
      '2027-01-01T00:00:00Z',
      true,
    ],
    // 31 December 23:30 UTC is already 1 January 07:30 in Shanghai: the workspace's day counts.
    ['monthly, by the workspace day', sub({ frequency: 'monthly', hour: 7 }), '2026-12-31T23:30:00Z', true],
  ])('%s → %s', (_what, s, now, due) => expect(dueNow(s, new Date(now))).toBe(due))

  it('reads the day in another time zone when given one', () => {
    expect(dueNow(sub({ frequency: 'weekly' }), new Date('2026-12-07T08:00:00Z'), 'UTC')).toBe(true)
    expect(dueNow(sub({ frequency: 'weekly' }), new Date('2026-12-07T07:00:00Z'), 'UTC')).toBe(false)
    expect(localParts(new Date('2026-12-06T16:00:00Z'), 'Asia/Shanghai')).toEqual({
      y: 2026,
      m: 12,
      d: 7,
      hour: 0,
      weekday: 1,
    })
  })
})
