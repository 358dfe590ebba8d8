import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { AccountClusters, Lookalikes } from '@openkam/contract'
import { get, post } from '../../../shared/api/client'

export type { AccountClusters, Lookalikes }

export const clusterKeys = {
  all: ['insight-clusters'] as const,
  clusters: (lang: string) => ['insight-clusters', 'clusters', lang] as const,
  lookalikes: (lang: string, limit: number) => ['insight-clusters', 'lookalikes', lang, limit] as const,
}

/** Is a clustering run queued or running? */
export const isRunning = (c?: AccountClusters) => c?.run?.status === 'queued' || c?.run?.status === 'running'

const langOf = (l: string) => (l.startsWith('zh') ? 'zh-CN' : 'en')

/** The latest clusters in the page's language; polled every 2 s while a run is queued or running. */
export const useClusters = (lang: string) =>
  useQuery({
    queryKey: clusterKeys.clusters(langOf(lang)),
    queryFn: () => get<AccountClusters>('/insights/clusters', { lang: langOf(lang) }),
    refetchInterval: (q) => (isRunning(q.state.data) ? 2000 : false),
  })

export const useLookalikes = (lang: string, limit: number) =>
  useQuery({
    queryKey: clusterKeys.lookalikes(langOf(lang), limit),
    queryFn: () => get<Lookalikes>('/insights/clusters/lookalikes', { lang: langOf(lang), limit }),
  })

/** Starts a run; the clusters' `run` then shows its progress. */
export const useRunClustering = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => post<{ jobId: string }>('/insights/clusters/run'),
    onSuccess: () => qc.invalidateQueries({ queryKey: clusterKeys.all }),
  })
}
