import { describe, expect, it } from 'vitest'
import { deriveStage, type LifecycleFacts } from './lifecycle'

const none: LifecycleFacts = {
  openOpportunities: 0,
  openRenewalOpportunities: 0,
  recentWin: false,
  activeContract: false,
  contractEndingSoon: false,
  pendingHandoff: false,
  openMilestones: 0,
}

describe('deriveStage', () => {
  it.each<[string, Partial<LifecycleFacts>, string, string]>([
    ['nothing at all', {}, 'lead_nurturing', 'nothing_yet'],
    ['an open deal', { openOpportunities: 2 }, 'opportunity', 'open_opportunity'],
    [
      'an open upsell deal of a prospect',
      { openOpportunities: 1, openRenewalOpportunities: 1 },
      'opportunity',
      'open_opportunity',
    ],
    [
      'a won deal whose handoff is open',
      { recentWin: true, pendingHandoff: true },
      'delivery',
      'handoff_pending',
    ],
    ['open milestones', { activeContract: true, openMilestones: 1 }, 'delivery', 'milestones_open'],
    ['a running contract', { activeContract: true }, 'value_operations', 'active_contract'],
    ['a recent win without a contract', { recentWin: true }, 'value_operations', 'recent_win'],
    [
      'a customer with an open renewal deal',
      { activeContract: true, openOpportunities: 1, openRenewalOpportunities: 1 },
      'renewal',
      'renewal_opportunity',
    ],
    [
      'a contract ending soon, even while delivering',
      { activeContract: true, contractEndingSoon: true, pendingHandoff: true, openMilestones: 3 },
      'renewal',
      'contract_ending',
    ],
    [
      'a customer with a validated handoff and a new deal',
      { activeContract: true, openOpportunities: 1 },
      'value_operations',
      'active_contract',
    ],
  ])('derives the stage of an account with %s', (_what, facts, stage, reason) =>
    expect(deriveStage({ ...none, ...facts })).toEqual({ stage, reason }),
  )
})
