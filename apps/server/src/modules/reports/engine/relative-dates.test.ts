import { describe, expect, it } from 'vitest'
import { bucketLabel, nextBucket, relativeSpan } from './relative-dates'

// A Saturday in the third quarter.
const today = new Date('2026-08-15T10:00:00Z')

describe('relative periods', () => {
  it.each([
    ['today', '2026-08-15', '2026-08-16'],
    ['yesterday', '2026-08-14', '2026-08-15'],
    ['this_week', '2026-08-10', '2026-08-17'],
    ['last_week', '2026-08-03', '2026-08-10'],
    ['this_month', '2026-08-01', '2026-09-01'],
    ['last_month', '2026-07-01', '2026-08-01'],
    ['this_quarter', '2026-07-01', '2026-10-01'],
    ['last_quarter', '2026-04-01', '2026-07-01'],
    ['this_year', '2026-01-01', '2027-01-01'],
    ['last_year', '2025-01-01', '2026-01-01'],
    ['last_7_days', '2026-08-09', '2026-08-16'],
    ['next_30_days', '2026-08-16', '2026-09-15'],
  ])('puts %s from %s to (before) %s', (value, from, to) => {
    expect(relativeSpan(value, today)).toEqual({ from, to })
  })

  it.each([
    ['this_month', '2026-07-01', '2026-08-01'],
    ['this_quarter', '2026-04-01', '2026-07-01'],
    ['this_year', '2025-01-01', '2026-01-01'],
    ['last_30_days', '2026-06-17', '2026-07-17'],
    ['today', '2026-08-14', '2026-08-15'],
  ])('moves %s back one period to %s … %s', (value, from, to) => {
    expect(relativeSpan(value, today, -1)).toEqual({ from, to })
  })

  it('refuses what is not a relative period', () => {
    expect(() => relativeSpan('last_0_days', today)).toThrow()
    expect(() => relativeSpan('2026-01-01', today)).toThrow()
  })

  it.each([
    ['2026-07-01', 'month', '2026-08-01'],
    ['2026-07-01', 'quarter', '2026-10-01'],
    ['2026-08-10', 'week', '2026-08-17'],
    ['2026-12-31', 'day', '2027-01-01'],
    ['2026-01-01', 'year', '2027-01-01'],
  ] as const)('finds the bucket after %s by %s: %s', (day, unit, next) => {
    expect(nextBucket(day, unit)).toBe(next)
  })

  it('names buckets', () => {
    expect(bucketLabel('2026-07-01', 'quarter', 'en')).toBe('2026-Q3')
    expect(bucketLabel('2026-07-01', 'month', 'en')).toBe('2026-07')
    expect(bucketLabel('2026-08-10', 'week', 'zh-CN')).toBe('2026-08-10 当周')
  })
})
