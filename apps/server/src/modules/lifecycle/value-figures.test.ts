import { describe, expect, it } from 'vitest'
import { figure } from './value-figures'

describe('figure', () => {
  it.each([
    [150, 100, 'higher', 50, 50, true],
    [80, 100, 'lower', -20, -20, true],
    [120, 100, 'lower', 20, 20, false],
    [5, -10, 'higher', 15, 150, true],
    [100, 100, 'higher', 0, 0, false],
  ] as const)('from %d (was %d, better %s): change %d, %d%%, improved %s', (cur, prev, dir, ch, pct, ok) =>
    expect(figure(cur, prev, dir, 0)).toMatchObject({ change: ch, changePercent: pct, improved: ok }),
  )
  it('gives no percentage of nothing and no change without both values', () => {
    expect(figure(3, 0, 'higher')).toMatchObject({ change: 3, changePercent: null, improved: true })
    expect(figure(3, null, 'higher')).toMatchObject({ previous: null, change: null, improved: null })
    expect(figure(null, 4, 'lower')).toMatchObject({ current: null, changePercent: null })
  })
})
