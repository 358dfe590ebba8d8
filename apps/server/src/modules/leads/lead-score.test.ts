import { describe, expect, it } from 'vitest'
import { companyDomainOf, decayed, defaultScoringConfig, isHot, scoreLead } from './lead-score'

const DAY = 86_400_000
const now = new Date('2026-03-01T00:00:00Z')
const ago = (days: number) => new Date(now.getTime() - days * DAY)
const config = defaultScoringConfig('en')

describe('behaviour decay', () => {
  it.each([
    [10, 0, 14, 10],
    [10, 14, 14, 5],
    [10, 28, 14, 2.5],
    [20, 7, 7, 10],
    [8, 3.5, 7, 8 / Math.SQRT2],
    [10, -2, 14, 10],
  ])('makes %d points %d days old with a half-life of %d days worth %d', (points, age, half, want) => {
    expect(decayed(points, age, half)).toBeCloseTo(want, 6)
  })
})

describe('lead score', () => {
  it('adds profile points for industry, size band, best title keyword, region, source and company e-mail', () => {
    const { score, breakdown } = scoreLead(
      {
        industry: 'manufacturing',
        employees: 1000,
        title: 'IT Director and CIO',
        region: 'Shanghai Pudong',
        source: 'referral',
        email: 'li@acme.com.cn',
      },
      [],
      config,
      now,
    )
    expect(breakdown.profile).toEqual([
      { factor: 'industry', value: 'manufacturing', points: 15 },
      { factor: 'companySize', value: '1000', points: 20 },
      { factor: 'title', value: 'CIO', points: 15 },
      { factor: 'region', value: 'Shanghai', points: 5 },
      { factor: 'source', value: 'referral', points: 10 },
      { factor: 'businessEmail', value: 'acme.com.cn', points: 5 },
    ])
    expect(score).toBe(70)
    expect(isHot(score, config.threshold)).toBe(true)
    expect(isHot(69, config.threshold)).toBe(false)
  })

  it('decays behaviour by age and caps it', () => {
    const { breakdown, score } = scoreLead(
      { email: 'x@qq.com' },
      [
        { kind: 'event_attended', at: ago(0) },
        { kind: 'event_attended', at: ago(14) },
        { kind: 'page_visited', at: ago(28) },
      ],
      config,
      now,
    )
    expect(breakdown.profile).toEqual([])
    expect(breakdown.behaviour).toEqual([
      { kind: 'event_attended', count: 2, points: 30, decayed: 22.5 },
      { kind: 'page_visited', count: 1, points: 2, decayed: 0.5 },
    ])
    expect(breakdown.behaviourPoints).toBe(23)
    expect(score).toBe(23)
    const many = scoreLead(
      {},
      Array.from({ length: 10 }, () => ({ kind: 'demo_requested', at: now })),
      config,
      now,
    )
    expect(many.breakdown.behaviourPoints).toBe(50)
  })

  it('treats free mailboxes as no company domain', () => {
    expect(companyDomainOf('a@163.com')).toBeNull()
    expect(companyDomainOf('A@Acme.COM')).toBe('acme.com')
    expect(companyDomainOf(null)).toBeNull()
  })
})
