import { describe, expect, it } from 'vitest'
import { periodsOf, retentionByPeriod, retentionOf, type ContractSpan } from './retention'

// Every contract below runs 365 days, so its annualised value is its amount. Q1 2026, 1 January → 31 March:
//   A (strategic) 1000 all year, + 200 from 1 March          start 1000, end 1200: expansion 200
//   B (strategic) 500 ending 28 February                      start 500,  end 0:    churned 500
//   C (growth)    400 all year + 100 ending 31 January         start 500,  end 400:  contraction 100
//   D (growth)    999 from 1 February: no value on 1 January, so not in the base
// All: start 2000, end 1600; GRR = (2000 − 100 − 500) ÷ 2000 = 70 %; NRR = 1600 ÷ 2000 = 80 %.
// Strategic: start 1500, end 1200; GRR = 1000 ÷ 1500 = 66.7 %, NRR = 80 %. Growth: GRR = NRR = 80 %.
const tierOf: Record<string, string> = { A: 'strategic', B: 'strategic', C: 'growth', D: 'growth' }
const c = (accountId: string, startDate: string, endDate: string, amount: number): ContractSpan => ({
  accountId,
  group: tierOf[accountId]!,
  startDate,
  endDate,
  amount,
})
const fixture = [
  c('A', '2025-07-01', '2026-06-30', 1000),
  c('A', '2026-03-01', '2027-02-28', 200),
  c('B', '2025-03-01', '2026-02-28', 500),
  c('C', '2025-10-01', '2026-09-30', 400),
  c('C', '2025-02-01', '2026-01-31', 100),
  c('D', '2026-02-01', '2027-01-31', 999),
]
const all = (cs: ContractSpan[]) => cs.map((x) => ({ ...x, group: 'all' }))

describe('revenue retention', () => {
  it('computes expansion, contraction, churn, GRR and NRR over the accounts in force at the start', () => {
    expect(retentionOf(all(fixture), '2026-01-01', '2026-03-31')).toEqual([
      {
        key: 'all',
        accounts: 3,
        startArr: 2000,
        endArr: 1600,
        expansion: 200,
        contraction: 100,
        churned: 500,
        grr: 70,
        nrr: 80,
      },
    ])
  })

  it('splits the same figures per group', () => {
    const byTier = retentionOf(fixture, '2026-01-01', '2026-03-31')
    expect(byTier.map((g) => [g.key, g.accounts, g.startArr, g.endArr, g.grr, g.nrr])).toEqual([
      ['strategic', 2, 1500, 1200, 66.7, 80],
      ['growth', 1, 500, 400, 80, 80],
    ])
  })

  it('annualises a contract shorter than a year', () => {
    // 1 January → 1 July 2026 is 182 days: 500 × 365 ÷ 182 = 1002.75.
    const [g] = retentionOf(all([c('A', '2026-01-01', '2026-07-01', 500)]), '2026-01-01', '2026-03-31')
    expect(g!.startArr).toBe(1002.75)
    expect(g!.nrr).toBe(100)
  })

  it('has no figures without contracts in force at the start', () => {
    expect(retentionOf(all([c('D', '2026-02-01', '2027-01-31', 999)]), '2026-01-01', '2026-03-31')).toEqual(
      [],
    )
  })

  it.each([
    [
      'quarter',
      '2026-05-10',
      [
        ['2026-01-01', '2026-03-31', false],
        ['2026-04-01', '2026-06-30', true],
      ],
    ],
    [
      'month',
      '2026-01-15',
      [
        ['2025-12-01', '2025-12-31', false],
        ['2026-01-01', '2026-01-31', true],
      ],
    ],
    [
      'year',
      '2026-05-10',
      [
        ['2025-01-01', '2025-12-31', false],
        ['2026-01-01', '2026-12-31', true],
      ],
    ],
  ] as const)('lists the last %s periods up to %s', (kind, today, want) => {
    expect(periodsOf(kind, today, 2).map((p) => [p.from, p.to, p.running])).toEqual(want)
  })

  it('measures the running period on today', () => {
    // On 15 February B is still in force; A's upsell has not started.
    const [q1] = retentionByPeriod(all(fixture), periodsOf('quarter', '2026-02-15', 1), '2026-02-15')
    expect(q1!.groups[0]).toMatchObject({
      startArr: 2000,
      endArr: 1900,
      contraction: 100,
      churned: 0,
      nrr: 95,
    })
  })
})
