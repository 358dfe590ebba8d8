import { describe, expect, it } from 'vitest'
import { anchorOf, lastMonths, periodSpans, relativeSpan } from './metric-period'

const days = (s: { from: string; to: string }) => `${s.from}…${s.to}`

describe('periodSpans', () => {
  it.each([
    ['month', '2026-12-05', '2026-12-01…2026-12-31', '2026-11-01…2026-11-30'],
    ['month', '2026-01-31', '2026-01-01…2026-01-31', '2025-12-01…2025-12-31'],
    ['month', '2024-03-01', '2024-03-01…2024-03-31', '2024-02-01…2024-02-29'],
    ['quarter', '2026-12-05', '2026-10-01…2026-12-31', '2026-07-01…2026-09-30'],
    ['quarter', '2026-02-10', '2026-01-01…2026-03-31', '2025-10-01…2025-12-31'],
    ['year', '2026-06-30', '2026-01-01…2026-12-31', '2025-01-01…2025-12-31'],
  ] as const)('gives the %s holding %s and the one before', (period, today, current, previous) => {
    const s = periodSpans(period, new Date(`${today}T12:00:00Z`))
    expect(days(s.current)).toBe(current)
    expect(days(s.previous)).toBe(previous)
  })

  it('covers half-open instants that end where the next period starts', () => {
    const s = periodSpans('quarter', new Date('2026-12-31T23:59:59Z'))
    expect(s.current.start.toISOString()).toBe('2026-10-01T00:00:00.000Z')
    expect(s.current.end.toISOString()).toBe('2027-01-01T00:00:00.000Z')
    expect(s.previous.end.toISOString()).toBe(s.current.start.toISOString())
  })
})

describe('lastMonths', () => {
  it('lists the months up to the current one across a year end, oldest first', () => {
    const ms = lastMonths(3, new Date('2026-01-15T00:00:00Z'))
    expect(ms.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01'])
    expect(days(ms[1]!)).toBe('2025-12-01…2025-12-31')
  })
})

describe('relativeSpan', () => {
  it.each([
    ['today', '2026-03-10…2026-03-10'],
    ['yesterday', '2026-03-09…2026-03-09'],
    ['this_week', '2026-03-09…2026-03-15'],
    ['last_week', '2026-03-02…2026-03-08'],
    ['this_month', '2026-03-01…2026-03-31'],
    ['last_month', '2026-02-01…2026-02-28'],
    ['this_quarter', '2026-01-01…2026-03-31'],
    ['last_quarter', '2025-10-01…2025-12-31'],
    ['this_year', '2026-01-01…2026-12-31'],
    ['last_year', '2025-01-01…2025-12-31'],
    ['last_7_days', '2026-03-04…2026-03-10'],
    ['next_30_days', '2026-03-10…2026-04-08'],
  ])('reads %s on Tuesday 2026-03-10 as %s', (period, expected) => {
    expect(days(relativeSpan(period, new Date('2026-03-10T15:00:00Z'))!)).toBe(expected)
  })

  it('answers null for a period it does not know', () => {
    expect(relativeSpan('next_quarter', new Date())).toBeNull()
  })
})

describe('anchorOf', () => {
  const today = new Date('2026-12-05T10:00:00Z')
  it.each([
    [undefined, today.toISOString()],
    ['this_quarter', today.toISOString()],
    ['last_90_days', today.toISOString()],
    ['next_30_days', today.toISOString()],
    ['last_quarter', '2026-09-30T23:59:59.999Z'],
    ['last_month', '2026-11-30T23:59:59.999Z'],
    ['last_year', '2025-12-31T23:59:59.999Z'],
    ['yesterday', '2026-12-04T23:59:59.999Z'],
  ])('computes a metric filtered to %s at %s', (period, at) => {
    expect(anchorOf(period, today).toISOString()).toBe(at)
  })
})
