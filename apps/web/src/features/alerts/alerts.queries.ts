import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Alert, AlertRule } from '@openkam/contract'
import { api, get, patch, post, type Page, type Query } from '../../shared/api/client'

export type { Alert, AlertRule }
export type AlertCounts = { byStatus: Record<string, number>; bySeverity: Record<string, number> }
export type AlertSettings = { outcomes: { key: string; label: string }[]; version: number }

export const alertKeys = {
  all: ['alerts'] as const,
  list: (q: Query) => ['alerts', 'list', q] as const,
  counts: (q: Query) => ['alerts', 'counts', q] as const,
  settings: ['alerts', 'settings'] as const,
  rules: ['alert-rules'] as const,
}

/** Alerts, newest first (filters: status, severity, type, accountId, ownerId). */
export function useAlerts(q: Query) {
  return useQuery({
    queryKey: alertKeys.list(q),
    queryFn: () => get<Page<Alert>>('/alerts', { sort: '-createdAt', limit: 200, ...q }),
    placeholderData: (prev) => prev,
  })
}

export function useAlertCounts(q: Query) {
  return useQuery({
    queryKey: alertKeys.counts(q),
    queryFn: () => get<AlertCounts>('/alerts/counts', q),
  })
}

export function useAlertSettings() {
  return useQuery({ queryKey: alertKeys.settings, queryFn: () => get<AlertSettings>('/alert-settings') })
}

export function useAlertRules() {
  return useQuery({
    queryKey: alertKeys.rules,
    queryFn: () => get<Page<AlertRule>>('/alert-rules', { limit: 100 }),
  })
}

/** The alert actions; lists, counts and the 360° page refresh after each. */
export function useAlertAction() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: {
      id: string
      action: 'acknowledge' | 'snooze' | 'resolve' | 'reopen'
      body?: Record<string, unknown>
    }) => post<Alert>(`/alerts/${v.id}/${v.action}`, v.body ?? {}),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: alertKeys.all })
      void qc.invalidateQueries({ queryKey: ['360'] })
    },
  })
}

export function useSaveAlertRule() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; version: number } & Partial<AlertRule>) => {
      const { id, ...body } = v
      return patch<AlertRule>(`/alert-rules/${id}`, body)
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertKeys.rules }),
  })
}

export function useSaveAlertSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (outcomes: AlertSettings['outcomes']) =>
      api<AlertSettings>('PUT', '/alert-settings', { outcomes }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertKeys.settings }),
  })
}

export function useEvaluateAlerts() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () =>
      post<{ result: { opened: number; reopened: number } }>('/jobs/run', { job: 'alerts_evaluate' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: alertKeys.all }),
  })
}
