import { useQuery } from '@tanstack/react-query'
import type { AccountTier, TierChange, TierRules, TierSummary } from '@openkam/contract'
import { get } from '../../shared/api/client'

export const tierKeys = {
  all: ['tiers'] as const,
  summary: () => ['tiers', 'summary'] as const,
  rules: () => ['tiers', 'rules'] as const,
  account: (id: string) => ['tiers', 'account', id] as const,
}

export const useTierSummary = () =>
  useQuery({ queryKey: tierKeys.summary(), queryFn: () => get<TierSummary>('/tiers/summary') })

export const useTierRules = () =>
  useQuery({ queryKey: tierKeys.rules(), queryFn: () => get<TierRules>('/tier-rules') })

export const useAccountTier = (id: string | null) =>
  useQuery({
    queryKey: tierKeys.account(id ?? ''),
    queryFn: () => get<AccountTier>(`/accounts/${id}/tier`),
    enabled: !!id,
  })

export type { AccountTier, TierChange, TierRules, TierSummary }

/** Why a tier changed, for people: a strategic tier below the spend threshold came from the industry-leader flag. */
export const reasonKey = (c: TierChange) =>
  c.reason === 'evaluation' &&
  c.toTier === 'strategic' &&
  c.industryLeader &&
  c.rule &&
  Number(c.annualSpend ?? 0) < Number(c.rule.strategicMin)
    ? 'industry_leader'
    : c.reason
