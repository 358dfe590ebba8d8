import { describe, expect, it } from 'vitest'
import { funnelFrom, rate } from './funnel'

describe('funnelFrom', () => {
  it('counts a stage as entered by everyone who got that far or further', () => {
    const f = funnelFrom([
      { position: 1, status: 'open', count: 4 },
      { position: 2, status: 'lost', count: 3 },
      { position: 3, status: 'won', count: 2 },
      { position: 5, status: 'won', count: 1 },
    ])
    expect(f.stages.map((s) => [s.stage, s.entered, s.movedOn, s.conversionRate, s.lost])).toEqual([
      ['discovery', 10, 6, 0.6, 0],
      ['solution', 6, 3, 0.5, 3],
      ['negotiation', 3, 1, 0.3333, 0],
      ['implementation', 1, 1, 1, 0],
      ['account_management', 1, null, null, 0],
    ])
    expect(f).toMatchObject({ opportunities: 10, won: 3, lost: 3, open: 4, winRate: 0.5 })
  })

  it('is all zeros, without rates, when nothing started', () => {
    const f = funnelFrom([])
    expect(f.stages.every((s) => s.entered === 0 && s.conversionRate === null)).toBe(true)
    expect(f).toMatchObject({ opportunities: 0, won: 0, lost: 0, open: 0, winRate: null })
  })

  it.each([
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [0, 5, 0],
    [5, 0, null],
  ])('rates %d of %d as %s', (n, d, expected) => expect(rate(n, d)).toBe(expected))
})
