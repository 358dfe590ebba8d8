import type { AccountLifecycle } from '@openkam/contract'

export type LifecycleFacts = AccountLifecycle['facts']
export type LifecycleStage = AccountLifecycle['stage']
export type LifecycleReason = AccountLifecycle['reason']

/** A won deal keeps an account a customer (value operations) this long without a running contract. */
export const RECENT_WIN_DAYS = 365
/** A contract ending within this many days puts the account in renewal (SPEC R-09: 90 days). */
export const RENEWAL_HORIZON_DAYS = 90

/**
 * An account's lifecycle stage from the facts of its records: the first rule that holds wins.
 *
 * | # | when | stage |
 * | - | ---- | ----- |
 * | 1 | a running contract ends within 90 days | renewal |
 * | 2 | a won deal's handoff is not validated yet | delivery |
 * | 3 | delivery milestones are not all confirmed | delivery |
 * | 4 | a customer (rule 5 or 6 holds) has an open renewal or upsell opportunity | renewal |
 * | 5 | a running (active or approved, not ended) contract | value_operations |
 * | 6 | a deal won in the last 365 days | value_operations |
 * | 7 | an open opportunity | opportunity |
 * | 8 | otherwise | lead_nurturing |
 * @example deriveStage({ ...none, openOpportunities: 1 }) // { stage: 'opportunity', reason: 'open_opportunity' }
 */
export function deriveStage(f: LifecycleFacts): { stage: LifecycleStage; reason: LifecycleReason } {
  const customer = f.activeContract || f.recentWin
  if (f.contractEndingSoon) return { stage: 'renewal', reason: 'contract_ending' }
  if (f.pendingHandoff) return { stage: 'delivery', reason: 'handoff_pending' }
  if (f.openMilestones > 0) return { stage: 'delivery', reason: 'milestones_open' }
  if (customer && f.openRenewalOpportunities > 0) return { stage: 'renewal', reason: 'renewal_opportunity' }
  if (f.activeContract) return { stage: 'value_operations', reason: 'active_contract' }
  if (f.recentWin) return { stage: 'value_operations', reason: 'recent_win' }
  if (f.openOpportunities > 0) return { stage: 'opportunity', reason: 'open_opportunity' }
  return { stage: 'lead_nurturing', reason: 'nothing_yet' }
}
