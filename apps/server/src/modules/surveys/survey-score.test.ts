import { describe, expect, it } from 'vitest'
import { categoryOf, npsOf, tally, validScore } from './survey-score'

describe('survey scores', () => {
  it.each([
    [10, 'promoter'],
    [9, 'promoter'],
    [8, 'passive'],
    [7, 'passive'],
    [6, 'detractor'],
    [0, 'detractor'],
  ] as const)('puts NPS %d in %s', (score, category) => expect(categoryOf('nps', score)).toBe(category))

  it.each([
    [5, 'promoter'],
    [4, 'promoter'],
    [3, 'passive'],
    [2, 'detractor'],
    [1, 'detractor'],
  ] as const)('puts CSAT %d in %s', (score, category) => expect(categoryOf('csat', score)).toBe(category))

  it.each([
    ['nps', 0, true],
    ['nps', 10, true],
    ['nps', 11, false],
    ['nps', -1, false],
    ['nps', 7.5, false],
    ['csat', 0, false],
    ['csat', 1, true],
    ['csat', 5, true],
    ['csat', 6, false],
  ] as const)('checks %s score %d is valid: %s', (kind, score, ok) =>
    expect(validScore(kind, score)).toBe(ok),
  )

  it('computes NPS as % promoters minus % detractors', () => {
    expect(npsOf({ promoters: 5, passives: 2, detractors: 3 })).toBe(20)
    expect(npsOf({ promoters: 0, passives: 0, detractors: 4 })).toBe(-100)
    expect(npsOf({ promoters: 1, passives: 1, detractors: 1 })).toBe(0)
    expect(npsOf({ promoters: 2, passives: 1, detractors: 0 })).toBe(66.7)
    expect(npsOf({ promoters: 0, passives: 0, detractors: 0 })).toBeNull()
  })

  it('tallies categories', () => {
    expect(tally(['promoter', 'passive', 'detractor', 'promoter'])).toEqual({
      responses: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
      nps: 25,
    })
  })
})
