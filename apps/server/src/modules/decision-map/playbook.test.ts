import { describe, expect, it } from 'vitest'
import { defaultPlaybook, mergePlaybook, nextBestAction, reportingLoop, type ActionContact } from './playbook'

const now = new Date('2026-11-20T00:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)
const c = (o: Partial<ActionContact>): ActionContact => ({
  buyingRole: 'user',
  stance: 'neutral',
  active: true,
  lastContactAt: daysAgo(1),
  ...o,
})
const pb = defaultPlaybook.en

describe('nextBestAction', () => {
  it.each([
    ['a former contact', { active: false, stance: 'champion' }, 'find_successor'],
    ['a placeholder', { placeholder: true }, 'identify_person'],
    ['a contact with no role', { buyingRole: null }, 'qualify_role'],
    ['a blocker', { stance: 'blocker', lastContactAt: null }, 'address_concerns'],
    ['a skeptic', { stance: 'skeptic' }, 'address_concerns'],
    ['a contact never met', { lastContactAt: null }, 'reconnect'],
    ['a user silent 61 days', { lastContactAt: daysAgo(61) }, 'reconnect'],
    ['a user silent 59 days', { lastContactAt: daysAgo(59) }, 'share_material'],
    ['a champion silent 31 days', { stance: 'champion', lastContactAt: daysAgo(31) }, 'reconnect'],
    [
      'an economic buyer silent 31 days',
      { buyingRole: 'economic_buyer', lastContactAt: daysAgo(31) },
      'reconnect',
    ],
    ['a champion met recently', { stance: 'champion' }, 'leverage_champion'],
    ['a supporter met recently', { stance: 'supporter' }, 'share_material'],
  ])('suggests for %s: %s', (_, o, code) => {
    expect(nextBestAction(c(o), pb, now, 'en').code).toBe(code)
  })

  it("follows the workspace's thresholds: a champion when the champion-silent gap would appear", () => {
    const rules = { championSilentDays: 60, economicBuyerDays: 20 }
    const champion = { stance: 'champion', lastContactAt: daysAgo(45) }
    expect(nextBestAction(c(champion), pb, now, 'en', rules).code).toBe('leverage_champion')
    expect(nextBestAction(c({ ...champion, lastContactAt: daysAgo(61) }), pb, now, 'en', rules).code).toBe(
      'reconnect',
    )
    const buyer = { buyingRole: 'economic_buyer', lastContactAt: daysAgo(21) }
    expect(nextBestAction(c(buyer), pb, now, 'en', rules).code).toBe('reconnect')
    expect(nextBestAction(c(buyer), pb, now, 'en').code).toBe('share_material')
  })

  it("names the role's material from the playbook", () => {
    expect(nextBestAction(c({ buyingRole: 'financial_controller' }), pb, now, 'en').message).toContain(
      'ROI analysis',
    )
    const custom = mergePlaybook({ user: { approach: 'Train them', materials: ['Video'] } }, 'en')
    expect(nextBestAction(c({}), custom, now, 'en').message).toBe('Train them: share Video.')
    expect(custom.economic_buyer).toEqual(pb.economic_buyer)
  })
})

describe('reportingLoop', () => {
  const tree = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
  ])
  it.each([
    ['a', 'c', ['a', 'c', 'b', 'a']],
    ['a', 'b', ['a', 'b', 'a']],
    ['a', 'a', ['a', 'a']],
    ['c', 'a', null],
    ['b', null, null],
  ])('re-parenting %s under %s closes the loop %j', (id, manager, loop) => {
    expect(reportingLoop(tree, id, manager)).toEqual(loop)
  })
  it('stops on an existing loop that does not pass through the contact', () => {
    const bad = new Map([
      ['x', 'y'],
      ['y', 'x'],
    ])
    expect(reportingLoop(bad, 'z', 'x')).toBeNull()
  })
})
