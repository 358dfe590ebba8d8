import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DecisionMap, DecisionMapContact, DecisionMapGap } from '@openkam/contract'
import { get, post } from '../../shared/api/client'

export type { DecisionMap, DecisionMapContact, DecisionMapGap }

/** Under the 360° key, so whatever refreshes the 360° page refreshes the map too. */
export const decisionMapKeys = { map: (accountId: string) => ['360', accountId, 'decision-map'] as const }

export const useDecisionMap = (accountId: string) =>
  useQuery({
    queryKey: decisionMapKeys.map(accountId),
    queryFn: () => get<DecisionMap>(`/accounts/${accountId}/decision-map`),
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
