import { describe, expect, it } from 'vitest'
import { changeOf, formatMetric } from './metric-format'

const ctx = { lang: 'en', currency: 'CNY' }
describe('metric formatting', () => {
  it.each([
    [85.25, 'percent', '85.3%'],
    [42, 'score', '42'],
    [7.25, 'days', '7.3'],
    [1234, 'count', '1,234'],
    [null, 'count', '—'],
  ] as const)('shows %s as %s', (v, unit, text) => expect(formatMetric(v, unit, ctx)).toBe(text))

  it('shows money in the workspace currency, large amounts compact', () => {
    expect(formatMetric(1200, 'money', ctx)).toBe('CN¥1,200')
    expect(formatMetric(2_500_000, 'money', ctx)).toBe('CN¥2.5M')
  })

  it.each([
    [
      { value: 120, previous: 100, unit: 'money', higherIsBetter: true },
      { kind: 'relative', amount: 20, good: true },
    ],
    [
      { value: 84, previous: 80, unit: 'percent', higherIsBetter: true },
      { kind: 'difference', amount: 4, good: true },
    ],
    [
      { value: 9, previous: 7, unit: 'days', higherIsBetter: false },
      { kind: 'difference', amount: 2, good: false },
    ],
    [{ value: 5, previous: null, unit: 'count', higherIsBetter: true }, null],
    [{ value: 5, previous: 0, unit: 'count', higherIsBetter: true }, null],
  ] as const)('compares %o with the previous period', (m, out) => expect(changeOf(m)).toEqual(out))
})
