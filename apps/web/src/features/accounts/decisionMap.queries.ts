import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  DecisionMap,
  DecisionMapContact,
  DecisionMapGap,
  DecisionMapGapRules,
  DecisionMapGapRulesState,
  OpportunityDecisionMap,
} from '@openkam/contract'
import { api, get, patch, post } from '../../shared/api/client'

export type { DecisionMap, DecisionMapContact, DecisionMapGap, OpportunityDecisionMap }

/** Under the 360° key, so whatever refreshes the 360° page refreshes the map too. */
export const decisionMapKeys = {
  map: (accountId: string) => ['360', accountId, 'decision-map'] as const,
  deal: (opportunityId: string) => ['opportunities', opportunityId, 'decision-map'] as const,
  gapRules: ['decision-map', 'gap-rules'] as const,
}

export const useDecisionMap = (accountId: string | undefined) =>
  useQuery({
    queryKey: decisionMapKeys.map(accountId ?? ''),
    queryFn: () => get<DecisionMap>(`/accounts/${accountId}/decision-map`),
    enabled: !!accountId,
  })

/** Re-parents a contact; the server refuses a reporting loop (422) with the chain named. */
export function useReportsTo(accountId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; reportsToId: string | null }) =>
      post(`/contacts/${v.id}/reports-to`, { reportsToId: v.reportsToId }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['360', accountId] }),
  })
}

/** Sets whom a contact influences (other contacts of its account; the server checks). */
export function useInfluences(accountId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; version: number; influences: string[] }) =>
      patch(`/contacts/${v.id}`, { version: v.version, influences: v.influences }),
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: ['360', accountId] })
      await qc.invalidateQueries({ queryKey: ['contacts'] })
    },
  })
}

/** A deal's decision map: its own committee when it has one, else its account's map. */
export const useOpportunityMap = (opportunityId: string) =>
  useQuery({
    queryKey: decisionMapKeys.deal(opportunityId),
    queryFn: () => get<OpportunityDecisionMap>(`/opportunities/${opportunityId}/decision-map`),
  })

/** Replaces a deal's committee (an empty list: back to the account's map). */
export function useSetCommittee(opportunityId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (contactIds: string[]) =>
      api<OpportunityDecisionMap>('PUT', `/opportunities/${opportunityId}/committee`, { contactIds }),
    onSuccess: (map) => qc.setQueryData(decisionMapKeys.deal(opportunityId), map),
  })
}

export const useGapRules = () =>
  useQuery({
    queryKey: decisionMapKeys.gapRules,
    queryFn: () => get<DecisionMapGapRulesState>('/decision-map/gap-rules'),
  })

/** Saves the gap thresholds (administrators); every map and the gap report follow them. */
export function useSaveGapRules() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (rules: DecisionMapGapRules) =>
      api<DecisionMapGapRulesState>('PUT', '/decision-map/gap-rules', rules),
    onSuccess: async (saved) => {
      qc.setQueryData(decisionMapKeys.gapRules, saved)
      await qc.invalidateQueries({ queryKey: ['360'] })
      await qc.invalidateQueries({ queryKey: ['opportunities'] })
      await qc.invalidateQueries({ queryKey: ['decision-map'] })
    },
  })
}
