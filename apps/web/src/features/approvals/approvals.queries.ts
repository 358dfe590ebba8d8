import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { Approval, ApprovalFlow, ApprovalFlowStep, ObjectSchema } from '@openkam/contract'
import type { ApprovalPreview as PreviewSchema } from '@openkam/contract'
import { api, del, get, patch, post, type Page, type Query } from '../../shared/api/client'

export type { Approval, ApprovalFlow, ApprovalFlowStep }
export type ApprovalPreview = z.infer<typeof PreviewSchema>
export type Delegation = {
  toUserId: string
  toName: string | null
  from: string
  until: string
  active: boolean
}

/** The approval centre's tabs and the list query each one asks for. */
export type ApprovalTab = 'waiting' | 'submitted' | 'done'
export const tabQuery: Record<ApprovalTab, Query> = {
  waiting: { approver: 'me', status: 'pending' },
  submitted: { submitter: 'me' },
  // Requests I approve in any step; the pending ones are dropped on the page (the API has no "decided" filter).
  done: { approver: 'me', status: 'decided' },
}

export const approvalKeys = {
  all: ['approvals'] as const,
  list: (q: Query) => ['approvals', 'list', q] as const,
  one: (id: string) => ['approvals', 'one', id] as const,
  waitingCount: ['approvals', 'waiting-count'] as const,
  forRecord: (object: string, recordId: string) => ['approvals', 'record', object, recordId] as const,
  flows: ['approval-flows'] as const,
  delegation: ['me', 'delegation'] as const,
  objects: ['objects', 'all-with-fields'] as const,
}

/** One page of approvals (newest first); `cursor` is the previous page's nextCursor. */
export function useApprovalPage(q: Query, cursor: string | null) {
  return useQuery({
    queryKey: approvalKeys.list({ ...q, cursor }),
    queryFn: () => get<Page<Approval>>('/approvals', { limit: 20, ...q, cursor }),
    placeholderData: (prev) => prev,
  })
}

/** How many approvals wait for my decision now (the navigation's badge), refreshed every minute. */
export function useWaitingCount(enabled = true) {
  return useQuery({
    queryKey: approvalKeys.waitingCount,
    queryFn: async () =>
      (await get<Page<Approval>>('/approvals', { ...tabQuery.waiting, limit: 100 })).data.length,
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  })
}

export function useApproval(id: string | null | undefined) {
  return useQuery({
    queryKey: approvalKeys.one(id ?? ''),
    queryFn: () => get<Approval>(`/approvals/${id}`),
    enabled: !!id,
  })
}

/** The latest approval of a record (pending or decided), or null when it was never submitted. */
export function useRecordApproval(object: string, recordId: string) {
  return useQuery({
    queryKey: approvalKeys.forRecord(object, recordId),
    queryFn: async () =>
      (await get<Page<Approval>>('/approvals', { object, recordId, limit: 1 })).data[0] ?? null,
  })
}

/** After a submission, decision or recall: every approval list, the badge and the record itself reload. */
function useRefresh() {
  const qc = useQueryClient()
  return (a?: Approval) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: approvalKeys.all }),
      ...(a ? [qc.invalidateQueries({ queryKey: [a.object] })] : []),
    ])
}

export function useSubmitApproval() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (v: { object: string; recordId: string }) => post<Approval>('/approvals', v),
    onSuccess: (a) => refresh(a),
  })
}

export function useDecide() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; comment?: string; fileIds?: string[] }) =>
      post<Approval>(`/approvals/${v.id}/decisions`, {
        decision: v.decision,
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(v.fileIds?.length ? { fileIds: v.fileIds } : {}),
      }),
    onSuccess: (a) => refresh(a),
  })
}

export function useRecall() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) => post<Approval>(`/approvals/${id}/recall`),
    onSuccess: (a) => refresh(a),
  })
}

// ── flows (Settings → Approvals) ────────────────────────────────────────────

export function useFlows() {
  return useQuery({
    queryKey: approvalKeys.flows,
    queryFn: () => get<Page<ApprovalFlow>>('/approval-flows', { limit: 200 }),
  })
}

export type FlowBody = Omit<ApprovalFlow, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>

export function useSaveFlow() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: Partial<FlowBody> }) =>
      v.id
        ? patch<ApprovalFlow>(`/approval-flows/${v.id}`, { ...v.body, version: v.version })
        : post<ApprovalFlow>('/approval-flows', v.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: approvalKeys.flows }),
  })
}

export function useDeleteFlow() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => del(`/approval-flows/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: approvalKeys.flows }),
  })
}

export function useRestoreFlow() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => post(`/approval-flows/${id}/restore`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: approvalKeys.flows }),
  })
}

export function usePreview() {
  return useMutation({
    mutationFn: (v: { flowId: string; recordId: string; submitterId?: string }) =>
      post<ApprovalPreview>(`/approval-flows/${v.flowId}/preview`, {
        recordId: v.recordId,
        ...(v.submitterId ? { submitterId: v.submitterId } : {}),
      }),
  })
}

/** Every object the person may read with its fields, labels in the app's language. */
export function useObjectsWithFields(lang: string) {
  return useQuery({
    queryKey: [...approvalKeys.objects, lang],
    queryFn: () =>
      get<{ data: ObjectSchema[] }>('/objects', { lang: lang.startsWith('zh') ? 'zh-CN' : 'en' }),
    staleTime: 5 * 60_000,
  })
}

// ── delegation (Settings → My notifications) ────────────────────────────────

export function useDelegation() {
  return useQuery({
    queryKey: approvalKeys.delegation,
    queryFn: () => get<Delegation | null>('/me/delegation'),
  })
}

export function useSetDelegation() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { toUserId: string; from: string; until: string }) =>
      api<Delegation>('PUT', '/me/delegation', v),
    onSuccess: (d) => qc.setQueryData(approvalKeys.delegation, d),
  })
}

export function useEndDelegation() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => del('/me/delegation'),
    onSuccess: () => qc.setQueryData(approvalKeys.delegation, null),
  })
}
