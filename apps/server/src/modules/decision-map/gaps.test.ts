import { describe, expect, it } from 'vitest'
import { decisionMapGaps, defaultGapRules, mergeGapRules, type GapContact } from './gaps'

const now = new Date('2026-11-20T00:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
const person = (id: string, o: Partial<GapContact> = {}): GapContact => ({
  id,
  name: id,
  buyingRole: null,
  influence: null,
  stance: null,
  active: true,
  lastContactAt: daysAgo(1),
  ...o,
})
/** A committee covering every role, everyone met yesterday, nobody opposed. */
const full = () => [
  person('u', { buyingRole: 'user' }),
  person('t', { buyingRole: 'technical_evaluator' }),
  person('i', { buyingRole: 'influencer' }),
  person('f', { buyingRole: 'financial_controller' }),
  person('e', { buyingRole: 'economic_buyer' }),
]
const none = { count: 0, contactIds: [] }
const codes = (cs: GapContact[], recent = none) => decisionMapGaps(cs, recent, now, 'en').map((g) => g.code)

describe('decisionMapGaps', () => {
  it('finds no gap on a full, recently met, friendly committee', () => {
    expect(codes(full())).toEqual([])
  })

  it('reports every role uncovered on an empty account, with role and message', () => {
    const gaps = decisionMapGaps([], none, now, 'en')
    expect(gaps.map((g) => g.role)).toEqual([
      'user',
      'technical_evaluator',
      'influencer',
      'financial_controller',
      'economic_buyer',
    ])
    expect(gaps[4]).toMatchObject({
      code: 'role_uncovered',
      message: expect.stringMatching(/economic buyer/),
    })
  })

  it.each([
    ['a former contact', { active: false }],
    ['a placeholder persona', { placeholder: true }],
  ])('does not count %s as covering a role', (_, o) => {
    const cs = full().map((c) => (c.id === 't' ? { ...c, ...o } : c))
    expect(decisionMapGaps(cs, none, now, 'en')).toEqual([
      expect.objectContaining({ code: 'role_uncovered', role: 'technical_evaluator' }),
    ])
  })

  it.each([
    [89, false],
    [90, false],
    [91, true],
  ])('reports the economic buyer not met when last met %d days ago: %s', (d, present) => {
    const cs = full().map((c) => (c.id === 'e' ? { ...c, lastContactAt: daysAgo(d) } : c))
    expect(codes(cs).includes('economic_buyer_not_met')).toBe(present)
  })

  it('reports the economic buyer never met, and not when one of two was met', () => {
    const never = full().map((c) => (c.id === 'e' ? { ...c, lastContactAt: null } : c))
    expect(decisionMapGaps(never, none, now, 'en')).toEqual([
      expect.objectContaining({ code: 'economic_buyer_not_met', contactId: 'e' }),
    ])
    expect(codes([...never, person('e2', { buyingRole: 'economic_buyer' })])).toEqual([])
  })

  it('does not report economic_buyer_not_met when there is no economic buyer (role_uncovered says it)', () => {
    expect(codes(full().filter((c) => c.id !== 'e'))).toEqual(['role_uncovered'])
  })

  it.each([
    [4, 'blocker', true],
    [5, 'skeptic', true],
    [3, 'blocker', false],
    [5, 'neutral', false],
    [null, 'blocker', false],
  ])('with influence %s and stance %s reports a high-influence blocker: %s', (influence, stance, present) => {
    const cs = [...full(), person('b', { influence, stance })]
    const gaps = decisionMapGaps(cs, none, now, 'en').filter((g) => g.code === 'high_influence_blocker')
    expect(gaps.map((g) => g.contactId)).toEqual(present ? ['b'] : [])
  })

  it('ignores a blocker who left', () => {
    expect(codes([...full(), person('b', { influence: 5, stance: 'blocker', active: false })])).toEqual([])
  })

  it.each([
    [{ count: 3, contactIds: ['u'] }, true],
    [{ count: 2, contactIds: ['u'] }, false],
    [{ count: 9, contactIds: ['u', 't'] }, false],
    [{ count: 0, contactIds: [] }, false],
  ])('with recent activity %j reports single-threaded: %s', (recent, present) => {
    const gaps = decisionMapGaps(full(), recent, now, 'en').filter((g) => g.code === 'single_threaded')
    expect(gaps).toEqual(present ? [expect.objectContaining({ contactId: 'u' })] : [])
  })

  it.each([
    [29, false],
    [31, true],
    [null, true],
  ])('reports a champion last met %s days ago as silent: %s', (d, present) => {
    const champ = person('c', { stance: 'champion', lastContactAt: d === null ? null : daysAgo(d) })
    expect(codes([...full(), champ])).toEqual(present ? ['champion_silent'] : [])
  })

  it('ignores a champion who left (the relationship signal reports the departure)', () => {
    expect(
      codes([...full(), person('c', { stance: 'champion', active: false, lastContactAt: null })]),
    ).toEqual([])
  })

  it.each([
    [{ championSilentDays: 60 }, 45, []],
    [{ championSilentDays: 40 }, 45, ['champion_silent']],
  ])('applies the workspace thresholds %j to a champion last met %d days ago', (o, d, expected) => {
    const champ = person('c', { stance: 'champion', lastContactAt: daysAgo(d) })
    const rules = { ...defaultGapRules, ...o }
    expect(decisionMapGaps([...full(), champ], none, now, 'en', rules).map((g) => g.code)).toEqual(expected)
  })

  it('uses the workspace thresholds for the buyer, the blocker and single-threading too', () => {
    const rules = {
      ...defaultGapRules,
      economicBuyerDays: 30,
      blockerInfluence: 3,
      singleThreadMinActivities: 5,
    }
    const cs = [
      ...full().map((c) => (c.id === 'e' ? { ...c, lastContactAt: daysAgo(31) } : c)),
      person('b', { influence: 3, stance: 'skeptic' }),
    ]
    const at = (n: number) => decisionMapGaps(cs, { count: n, contactIds: ['u'] }, now, 'en', rules)
    expect(at(4).map((g) => g.code)).toEqual(['economic_buyer_not_met', 'high_influence_blocker'])
    expect(at(5).map((g) => g.code)).toContain('single_threaded')
    expect(at(5).find((g) => g.code === 'economic_buyer_not_met')!.message).toContain('30 days')
  })

  it.each([
    [null, defaultGapRules],
    [{ championSilentDays: 60 }, { ...defaultGapRules, championSilentDays: 60 }],
    [{ championSilentDays: '60', blockerInfluence: 2.5 }, defaultGapRules],
  ])('merges the stored overrides %j over the defaults', (stored, expected) => {
    expect(mergeGapRules(stored)).toEqual(expected)
  })

  it('speaks the workspace language', () => {
    expect(decisionMapGaps([], none, now, 'zh-CN')[4]!.message).toContain('经济决策者')
  })
})
