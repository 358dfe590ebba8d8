import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AccountLifecycle,
  Milestone,
  MilestoneConfirmationLink,
  PublicMilestone,
  PublicMilestoneConfirmed,
  ValueReport,
} from '@openkam/contract'
import type { z } from 'zod'
import { get, post, type Page } from '../../shared/api/client'

export type { AccountLifecycle, Milestone, ValueReport }
export type ConfirmationLink = z.infer<typeof MilestoneConfirmationLink>
export type PublicView = z.infer<typeof PublicMilestone>

export const lifecycleKeys = {
  lifecycle: (id: string) => ['lifecycle', id] as const,
  milestones: (accountId: string) => ['milestones', accountId] as const,
  report: (id: string, from?: string, to?: string) => ['value-report', id, from, to] as const,
  public: (token: string) => ['public-milestone', token] as const,
}

/** The account's lifecycle stage as its records say now, and why. */
export function useLifecycle(accountId: string) {
  return useQuery({
    queryKey: lifecycleKeys.lifecycle(accountId),
    queryFn: () => get<AccountLifecycle>(`/accounts/${accountId}/lifecycle`),
  })
}

export function useMilestones(accountId: string) {
  return useQuery({
    queryKey: lifecycleKeys.milestones(accountId),
    queryFn: () => get<Page<Milestone>>('/milestones', { accountId, sort: 'dueDate', limit: 100 }),
  })
}

function useRefreshMilestones(accountId: string) {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: lifecycleKeys.milestones(accountId) })
    void qc.invalidateQueries({ queryKey: ['lifecycle'] })
  }
}

export function useCreateMilestone(accountId: string) {
  const refresh = useRefreshMilestones(accountId)
  return useMutation({
    mutationFn: (v: { title: string; dueDate?: string | null; description?: string | null }) =>
      post<Milestone>('/milestones', { accountId, ...v }),
    onSuccess: refresh,
  })
}

export function useRequestConfirmation(accountId: string) {
  const refresh = useRefreshMilestones(accountId)
  return useMutation({
    mutationFn: (v: { id: string; contactId: string }) =>
      post<ConfirmationLink>(`/milestones/${v.id}/request-confirmation`, { contactId: v.contactId }),
    onSuccess: refresh,
  })
}

export function useValueReport(accountId: string, from?: string, to?: string) {
  return useQuery({
    queryKey: lifecycleKeys.report(accountId, from, to),
    queryFn: () => get<ValueReport>(`/accounts/${accountId}/value-report`, { from, to }),
    placeholderData: (prev) => prev,
  })
}

/** The public confirmation page's milestone (no login). Errors (404, 410) are the page's message. */
export function usePublicMilestone(token: string) {
  return useQuery({
    queryKey: lifecycleKeys.public(token),
    queryFn: () => get<PublicView>(`/public/milestones/${encodeURIComponent(token)}`),
    retry: false,
  })
}

export function useConfirmMilestone(token: string) {
  return useMutation({
    mutationFn: (v: { name: string; comment?: string }) =>
      post<z.infer<typeof PublicMilestoneConfirmed>>(
        `/public/milestones/${encodeURIComponent(token)}/confirm`,
        v,
      ),
  })
}
