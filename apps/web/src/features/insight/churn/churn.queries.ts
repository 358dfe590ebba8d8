import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AccountChurnRisk, ChurnModelStatus, ChurnRiskList } from '@openkam/contract'
import { get, post } from '../../../shared/api/client'

export type { AccountChurnRisk, ChurnModelStatus, ChurnRiskList }

export const churnKeys = {
  model: () => ['churn', 'model'] as const,
  list: (page: number, size: number) => ['churn', 'list', page, size] as const,
  account: (id: string) => ['churn', 'account', id] as const,
}

const running = (m?: ChurnModelStatus) =>
  m?.training?.status === 'queued' || m?.training?.status === 'running'

/** The workspace's churn model; polled every 2 s while a training is queued or running. */
export const useChurnModel = () =>
  useQuery({
    queryKey: churnKeys.model(),
    queryFn: () => get<ChurnModelStatus>('/insights/churn-model'),
    refetchInterval: (q) => (running(q.state.data) ? 2000 : false),
  })

export const isTraining = running

export const useChurnRiskList = (page: number, size: number) =>
  useQuery({
    queryKey: churnKeys.list(page, size),
    queryFn: () => get<ChurnRiskList>('/insights/churn-risk', { limit: size, offset: (page - 1) * size }),
  })

export const useAccountChurnRisk = (id: string) =>
  useQuery({
    queryKey: churnKeys.account(id),
    queryFn: () => get<AccountChurnRisk>(`/accounts/${id}/churn-risk`),
  })

/** Starts a training; the model's status then shows its progress, and the lists refresh when it is done. */
export const useTrainChurnModel = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => post<{ jobId: string }>('/insights/churn-model/train'),
    onSuccess: () => qc.invalidateQueries({ queryKey: churnKeys.model() }),
  })
}
