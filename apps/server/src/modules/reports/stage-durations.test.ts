import { describe, expect, it } from 'vitest'
import { durationsFrom } from './stage-durations'

const row = (stage: string, avgDays: number | null, count = 1) => ({
  stage,
  count,
  avgDays,
  medianDays: avgDays,
  inProgress: 0,
})

describe('durationsFrom', () => {
  it('lists every stage in SOP order, drops unknown ones and names the slowest', () => {
    const d = durationsFrom([row('negotiation', 12.5), row('discovery', 3), row('legacy_stage', 99)])
    expect(d.stages.map((s) => [s.stage, s.avgDays])).toEqual([
      ['discovery', 3],
      ['solution', null],
      ['negotiation', 12.5],
      ['implementation', null],
      ['account_management', null],
    ])
    expect(d.slowest).toBe('negotiation')
  })

  it.each([
    [[row('solution', 7), row('discovery', 7)], 'discovery'],
    [[row('solution', null, 0)], null],
    [[], null],
  ])('picks %j → %s (the earlier stage on a tie)', (rows, slowest) => {
    expect(durationsFrom(rows).slowest).toBe(slowest)
  })
})
