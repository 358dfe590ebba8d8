import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  AccountIcpFit,
  AccountPotential,
  Icp,
  PotentialRanking,
  PotentialScore,
  ScoringModel,
  SegmentMatrix,
  SegmentSettings,
} from '@openkam/contract'
import { api, get, type Page } from '../../shared/api/client'

export type {
  AccountIcpFit,
  AccountPotential,
  Icp,
  PotentialRanking,
  PotentialScore,
  ScoringModel,
  SegmentMatrix,
  SegmentSettings,
}

export const qualificationKeys = {
  all: ['qualification'] as const,
  fits: (id: string) => ['qualification', 'fits', id] as const,
  potential: (id: string) => ['qualification', 'potential', id] as const,
  models: () => ['qualification', 'models'] as const,
  icps: () => ['qualification', 'icps'] as const,
  ranking: (q: object) => ['qualification', 'ranking', q] as const,
  matrix: (industry?: string) => ['qualification', 'matrix', industry ?? ''] as const,
  settings: () => ['qualification', 'settings'] as const,
}

export const useAccountFits = (id: string) =>
  useQuery({
    queryKey: qualificationKeys.fits(id),
    queryFn: () => get<{ data: AccountIcpFit[] }>(`/accounts/${id}/icp-fits`),
  })

export const useAccountPotential = (id: string, enabled = true) =>
  useQuery({
    queryKey: qualificationKeys.potential(id),
    queryFn: () => get<AccountPotential>(`/accounts/${id}/potential`),
    enabled,
  })

export const useScoringModels = () =>
  useQuery({
    queryKey: qualificationKeys.models(),
    queryFn: () => get<Page<ScoringModel>>('/scoring-models', { limit: 100 }),
  })

export const useIcps = () =>
  useQuery({ queryKey: qualificationKeys.icps(), queryFn: () => get<Page<Icp>>('/icps', { limit: 100 }) })

export const useRanking = (q: { class?: string; flagged?: string }) =>
  useQuery({
    queryKey: qualificationKeys.ranking(q),
    queryFn: () => get<PotentialRanking>('/potential/ranking', { ...q, limit: 500 }),
  })

export const useSegmentMatrix = (industry?: string) =>
  useQuery({
    queryKey: qualificationKeys.matrix(industry),
    queryFn: () => get<SegmentMatrix>('/segments/matrix', { industry }),
  })

export const useSegmentSettings = () =>
  useQuery({
    queryKey: qualificationKeys.settings(),
    queryFn: () => get<SegmentSettings>('/segments/settings'),
  })

/** Scores an account's potential; refreshes its potential, the 360° page and the ranking. */
export function useScorePotential(accountId: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { scores: Record<string, number>; note?: string; modelId?: string }) =>
      api<PotentialScore>('PUT', `/accounts/${accountId}/potential`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: qualificationKeys.all })
      void qc.invalidateQueries({ queryKey: ['360', accountId] })
    },
  })
}

/** Changes the segment settings (thresholds, cells); refreshes the matrix. */
export function useSaveSegmentSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: {
      version: number
      thresholds?: SegmentSettings['thresholds']
      cells?: Record<string, { strategy?: string; serviceLevel?: string } | null>
    }) => api<SegmentSettings>('PUT', '/segments/settings', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: qualificationKeys.all }),
  })
}

/** The live total and class of scores under a model, as the server computes them (integer hundredths). */
export function liveTotal(model: ScoringModel | undefined, scores: Record<string, number>) {
  if (!model?.dimensions) return null
  let sum = 0
  for (const d of model.dimensions) {
    const s = scores[d.key]
    if (!s) return null
    sum += s * d.weight
  }
  const total = sum / 100
  const b = model.bands ?? { A: 4, B: 3 }
  const cls = sum >= Math.round(b.A * 100) ? 'A' : sum >= Math.round(b.B * 100) ? 'B' : 'C'
  return { total, cls }
}

export const classColor: Record<string, string> = { A: 'green', B: 'gold', C: 'default' }
