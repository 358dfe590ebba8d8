import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { TicketRoutingRule } from '@openkam/contract'
import { del, get, patch, post, type Page } from '../../../shared/api/client'

export type { TicketRoutingRule }
export type RoutingRuleBody = Pick<TicketRoutingRule, 'name' | 'enabled' | 'condition' | 'assign'>

export const routingKeys = { all: ['ticket-routing-rules'] as const }

/** The workspace's routing rules, first first. */
export function useRoutingRules() {
  return useQuery({
    queryKey: routingKeys.all,
    queryFn: () => get<Page<TicketRoutingRule>>('/ticket-routing-rules', { limit: 500, sort: 'order' }),
  })
}

export function useSaveRoutingRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: Partial<RoutingRuleBody> }) =>
      v.id
        ? patch<TicketRoutingRule>(`/ticket-routing-rules/${v.id}`, { ...v.body, version: v.version })
        : post<TicketRoutingRule>('/ticket-routing-rules', v.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: routingKeys.all }),
  })
}

/** Puts the rules in a new order (every rule once). */
export function useReorderRoutingRules() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (ids: string[]) => post<Page<TicketRoutingRule>>('/ticket-routing-rules/reorder', { ids }),
    onSuccess: (page) => qc.setQueryData(routingKeys.all, page),
    onSettled: () => void qc.invalidateQueries({ queryKey: routingKeys.all }),
  })
}

export function useDeleteRoutingRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => del(`/ticket-routing-rules/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: routingKeys.all }),
  })
}
