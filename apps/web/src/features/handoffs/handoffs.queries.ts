import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Handoff, HandoffChecklistItem, HandoffSettings } from '@openkam/contract'
import { api, get, patch, post, type Page, type Query } from '../../shared/api/client'

export type { Handoff, HandoffChecklistItem, HandoffSettings }

export const handoffKeys = {
  all: ['handoffs'] as const,
  list: (q: Query) => ['handoffs', 'list', q] as const,
  one: (id: string) => ['handoffs', 'one', id] as const,
  settings: ['handoffs', 'settings'] as const,
}

/** Handoffs, soonest due first (filters: status, salesOwnerId, csmId, accountId…). */
export function useHandoffs(q: Query) {
  return useQuery({
    queryKey: handoffKeys.list(q),
    queryFn: () => get<Page<Handoff>>('/handoffs', { sort: 'dueAt', limit: 200, ...q }),
    placeholderData: (prev) => prev,
  })
}

export function useHandoff(id: string | undefined) {
  return useQuery({
    queryKey: handoffKeys.one(id ?? ''),
    queryFn: () => get<Handoff>(`/handoffs/${id}`),
    enabled: !!id,
  })
}

export function useHandoffSettings() {
  return useQuery({
    queryKey: handoffKeys.settings,
    queryFn: () => get<HandoffSettings>('/handoff-settings'),
  })
}

/** Everything about handoffs (lists, the record, the 360° card) refreshes after a change. */
function useRefresh() {
  const qc = useQueryClient()
  return (h?: Handoff) => {
    if (h) qc.setQueryData(handoffKeys.one(h.id), h)
    void qc.invalidateQueries({ queryKey: handoffKeys.all })
    void qc.invalidateQueries({ queryKey: ['360'] })
    void qc.invalidateQueries({ queryKey: ['lifecycle'] })
  }
}

export function useSaveHandoff() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (v: {
      id: string
      version: number
      checklist?: HandoffChecklistItem[]
      valueGoal?: string | null
      notes?: string | null
    }) => {
      const { id, ...body } = v
      return patch<Handoff>(`/handoffs/${id}`, body)
    },
    onSuccess: refresh,
  })
}

export function useSubmitHandoff() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) => post<Handoff>(`/handoffs/${id}/submit`),
    onSuccess: refresh,
  })
}

export function useValidateHandoff() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (v: { id: string; comment?: string }) =>
      post<Handoff>(`/handoffs/${v.id}/validate`, v.comment ? { comment: v.comment } : {}),
    onSuccess: refresh,
  })
}

export function useSaveHandoffSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<HandoffSettings> & { version: number }) =>
      api<HandoffSettings>('PUT', '/handoff-settings', {
        version: body.version,
        checklist: body.checklist,
        dueHours: body.dueHours,
        validationDays: body.validationDays,
      }),
    onSuccess: (s) => qc.setQueryData(handoffKeys.settings, s),
  })
}
