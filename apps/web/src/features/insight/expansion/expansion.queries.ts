import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ExpansionSuggestion, RevenueRetention } from '@openkam/contract'
import { get, post } from '../../../shared/api/client'

export type { ExpansionSuggestion, RevenueRetention }
export type SuggestionStatus = ExpansionSuggestion['status']
export type RetentionQuery = { period: RevenueRetention['period']; groupBy: RevenueRetention['groupBy'] }
type Page = { data: ExpansionSuggestion[]; nextCursor: string | null }

export const expansionKeys = {
  all: ['expansion'] as const,
  list: (q: { status?: string; accountId?: string; cursor?: string }) => ['expansion', 'list', q] as const,
  retention: (q: RetentionQuery) => ['expansion', 'retention', q] as const,
}

/** A page of suggestions (filter by status and account), the newest first. */
export const useSuggestions = (q: { status?: string; accountId?: string; cursor?: string }, limit = 20) =>
  useQuery({
    queryKey: expansionKeys.list(q),
    queryFn: () => get<Page>('/expansion-suggestions', { ...q, limit }),
    placeholderData: keepPreviousData,
  })

export const useRevenueRetention = (q: RetentionQuery) =>
  useQuery({
    queryKey: expansionKeys.retention(q),
    queryFn: () => get<RevenueRetention>('/insights/revenue-retention', q),
    placeholderData: keepPreviousData,
  })

/** Accepting creates the opportunity: the lists (and the deals) refresh. */
export const useAcceptSuggestion = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      post<{ id: string; name: string; ownerId: string | null }>(`/expansion-suggestions/${id}/accept`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: expansionKeys.all })
      void qc.invalidateQueries({ queryKey: ['opportunities'] })
    },
  })
}

export const useDismissSuggestion = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      post<ExpansionSuggestion>(`/expansion-suggestions/${v.id}/dismiss`, { reason: v.reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: expansionKeys.all }),
  })
}

export const useGenerateSuggestions = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => post<{ jobId: string }>('/expansion-suggestions/generate'),
    // The job runs in the background: look again in a few seconds.
    onSuccess: () => setTimeout(() => void qc.invalidateQueries({ queryKey: expansionKeys.all }), 3000),
  })
}
