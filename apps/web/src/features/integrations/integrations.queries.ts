import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  FinanceLogEntry,
  FinancePullResult,
  FinanceReconciliation,
  FinanceSettings,
  FinanceSettingsInput,
  FinanceSync,
  FinanceTestResult,
} from '@openkam/contract'
import { api, get, post, type Page } from '../../shared/api/client'

const base = '/integrations/finance'

export const financeKeys = {
  all: ['integrations', 'finance'] as const,
  settings: ['integrations', 'finance', 'settings'] as const,
  log: ['integrations', 'finance', 'log'] as const,
  syncs: ['integrations', 'finance', 'syncs'] as const,
  reconciliation: ['integrations', 'finance', 'reconciliation'] as const,
}

export const useFinanceSettings = () =>
  useQuery({ queryKey: financeKeys.settings, queryFn: () => get<FinanceSettings>(base) })

export const useFinanceLog = () =>
  useInfiniteQuery({
    queryKey: financeKeys.log,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<FinanceLogEntry>>(`${base}/sync-log`, { limit: 20, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useFinanceSyncs = (enabled: boolean) =>
  useQuery({
    queryKey: financeKeys.syncs,
    queryFn: () => get<{ data: FinanceSync[] }>(`${base}/syncs`),
    enabled,
  })

export const useReconciliation = (enabled: boolean) =>
  useQuery({
    queryKey: financeKeys.reconciliation,
    queryFn: () => get<FinanceReconciliation>(`${base}/reconciliation`),
    enabled,
  })

export function useFinanceActions() {
  const qc = useQueryClient()
  const refresh = () => qc.invalidateQueries({ queryKey: financeKeys.all })
  return {
    save: useMutation({
      mutationFn: (body: FinanceSettingsInput) => api<FinanceSettings>('PUT', base, body),
      onSuccess: (s) => {
        qc.setQueryData(financeKeys.settings, s)
        void refresh()
      },
    }),
    test: useMutation({
      mutationFn: () => post<FinanceTestResult>(`${base}/test`),
      onSettled: refresh,
    }),
    pull: useMutation({ mutationFn: () => post<FinancePullResult>(`${base}/pull`), onSettled: refresh }),
    push: useMutation({
      mutationFn: (contractId: string) => post<FinanceSync>(`${base}/syncs/${contractId}/push`),
      onSettled: refresh,
    }),
  }
}
