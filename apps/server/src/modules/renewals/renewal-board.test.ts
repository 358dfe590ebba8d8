import { describe, expect, it } from 'vitest'
import { addMonths, businessDay, daysBetween, lastDayOf, monthsBetween, sumByCurrency } from './renewal-board'

describe('renewal board helpers', () => {
  it('sums money per currency exactly', () => {
    expect(
      sumByCurrency([
        { amount: '0.10', currency: 'CNY' },
        { amount: '0.20', currency: 'CNY' },
        { amount: '1200000.5', currency: 'USD' },
        { amount: '-0.30', currency: 'CNY' },
        { amount: '99999999999999.99', currency: 'USD' },
      ]),
    ).toEqual([
      { currency: 'CNY', amount: '0.00' },
      { currency: 'USD', amount: '100000001200000.49' },
    ])
  })

  it.each([
    ['2026-01', '2026-03', ['2026-01', '2026-02', '2026-03']],
    ['2025-11', '2026-02', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-05', '2026-05', ['2026-05']],
    ['2026-06', '2026-05', []],
  ])('lists the months from %s to %s', (from, to, months) => expect(monthsBetween(from, to)).toEqual(months))

  it.each([
    ['2026-01', 1, '2026-02'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', 23, '2028-02'],
  ])('moves %s by %d months to %s', (m, n, out) => expect(addMonths(m, n)).toBe(out))

  it.each([
    ['2024-02', '2024-02-29'],
    ['2026-02', '2026-02-28'],
    ['2026-12', '2026-12-31'],
  ])('knows the last day of %s is %s', (m, d) => expect(lastDayOf(m)).toBe(d))

  it('counts days and takes the business day in China Standard Time', () => {
    expect(daysBetween('2026-01-01', '2026-03-22')).toBe(80)
    expect(businessDay(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02')
    expect(businessDay(new Date('2026-01-01T15:59:00Z'))).toBe('2026-01-01')
  })
})
