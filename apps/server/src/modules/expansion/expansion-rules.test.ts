import { describe, expect, it } from 'vitest'
import { candidatesFor, defaultExpansionSettings, newCandidates, type AccountFacts } from './expansion-rules'

const settings = defaultExpansionSettings(1_000_000)
const facts = (id: string, over: Partial<AccountFacts> = {}): AccountFacts => ({
  id,
  tier: 'essential',
  industry: 'manufacturing',
  annualSpend: 100_000,
  currency: 'CNY',
  seats: null,
  activeUsers: null,
  limitUse: [],
  modules: [],
  renewal: null,
  ...over,
})
const rulesOf = (all: AccountFacts[], id: string) =>
  candidatesFor(all, settings)
    .filter((c) => c.accountId === id)
    .map((c) => `${c.kind} ${c.rule} ${c.basis}`)

describe('expansion rules', () => {
  it.each([
    [85, 100, ['upsell seat_pressure seats']],
    [84, 100, []],
    [120, 100, ['upsell seat_pressure seats']],
  ])('suggests seats at %d active users of %d seats: %j', (activeUsers, seats, want) => {
    expect(rulesOf([facts('a', { activeUsers, seats })], 'a')).toEqual(want)
  })

  it('suggests a larger plan for a feature at its limit, not for one below', () => {
    const a = facts('a', {
      limitUse: [
        { feature: 'reports', percent: 91 },
        { feature: 'api', percent: 40 },
      ],
    })
    expect(rulesOf([a], 'a')).toEqual(['upsell feature_limit feature:reports'])
  })

  it('suggests the module most peers of the same industry use, with at least three peers', () => {
    const peers = [
      facts('p1', { modules: ['crm', 'analytics'] }),
      facts('p2', { modules: ['crm', 'analytics'] }),
      facts('p3', { modules: ['crm'] }),
      facts('other', { industry: 'retail', modules: ['billing'] }),
    ]
    const a = facts('a', { modules: ['crm'] })
    expect(rulesOf([a, ...peers], 'a')).toEqual(['cross_sell peer_module module:analytics'])
    const [c] = candidatesFor([a, ...peers], settings).filter((x) => x.accountId === 'a')
    expect(c!.evidence).toMatchObject({ module: 'analytics', peersWithModule: 2, peers: 3 })
    expect(rulesOf([a, ...peers.slice(0, 2)], 'a')).toEqual([])
  })

  it('suggests more with a renewal within the window for strategic and growth accounts only', () => {
    const renewal = { contractId: 'k1', number: 'HT-1', endDate: '2026-03-01', daysLeft: 40 }
    expect(rulesOf([facts('g', { tier: 'growth', renewal })], 'g')).toEqual([
      'upsell renewal_window renewal:k1',
    ])
    expect(rulesOf([facts('e', { tier: 'essential', renewal })], 'e')).toEqual([])
  })

  it('suggests the strategic package to a growth account whose spend crossed the strategic line', () => {
    expect(rulesOf([facts('g', { tier: 'growth', annualSpend: 1_200_000 })], 'g')).toEqual([
      'upsell tier_line tier_line',
    ])
    expect(rulesOf([facts('g', { tier: 'growth', annualSpend: 999_999 })], 'g')).toEqual([])
    expect(rulesOf([facts('s', { tier: 'strategic', annualSpend: 1_200_000 })], 's')).toEqual([])
  })

  it('drops candidates whose basis is open or was settled within the quiet period', () => {
    const all = candidatesFor(
      [facts('a', { activeUsers: 95, seats: 100, tier: 'growth', annualSpend: 2e6 })],
      settings,
    )
    expect(all.map((c) => c.basis)).toEqual(['seats', 'tier_line'])
    expect(newCandidates(all, new Set(['a seats']), new Set()).map((c) => c.basis)).toEqual(['tier_line'])
    expect(newCandidates(all, new Set(), new Set(['a tier_line'])).map((c) => c.basis)).toEqual(['seats'])
  })
})
