import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  healthFieldTypes,
  type AccountHealth,
  type HealthBacktest,
  type HealthModel,
  type ObjectField,
  type ObjectSchema,
} from '@openkam/contract'
import { api, get, post, type Page } from '../../shared/api/client'

export type { AccountHealth, HealthBacktest, HealthModel }
export type HealthSnapshot = {
  id: string
  /** Null when the status is insufficient_data. */
  score: number | null
  band: string | null
  status?: 'scored' | 'insufficient_data'
  incomplete: boolean
  computedAt: string
  reason: string
}
export type HealthChanges = {
  since: string
  before: { score: number | null; band: string | null; at: string | null }
  after: { score: number | null; band: string | null; at: string | null }
  delta: number | null
  metrics: {
    metric: string
    before: { value: number | null; score: number | null; contribution: number | null }
    after: { value: number | null; score: number | null; contribution: number | null }
    delta: number | null
  }[]
}
export type Mover = {
  accountId: string
  name: string
  score: number
  band: string
  previousScore: number
  delta: number
}
export type HealthBoard = {
  bands: { band: string; count: number; annualSpend: string }[]
  atRiskAnnualSpend: string
  total: number
  movers: { drops: Mover[]; rises: Mover[] }
}

export const healthKeys = {
  account: (id: string) => ['health', 'account', id] as const,
  history: (id: string) => ['health', 'history', id] as const,
  changes: (id: string, since: string) => ['health', 'changes', id, since] as const,
  board: () => ['health', 'board'] as const,
  models: () => ['health', 'models'] as const,
  numberFields: () => ['health', 'number-fields'] as const,
}

export const useAccountHealth = (id: string, opts: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: healthKeys.account(id),
    queryFn: () => get<AccountHealth>(`/accounts/${id}/health`),
    enabled: opts.enabled ?? true,
  })

export const useHealthHistory = (id: string) =>
  useQuery({
    queryKey: healthKeys.history(id),
    queryFn: () => get<{ data: HealthSnapshot[] }>(`/accounts/${id}/health/history`),
  })

export const useHealthChanges = (id: string, since: string) =>
  useQuery({
    queryKey: healthKeys.changes(id, since),
    queryFn: () => get<HealthChanges>(`/accounts/${id}/health/changes`, { since }),
  })

export const useHealthBoard = () =>
  useQuery({ queryKey: healthKeys.board(), queryFn: () => get<HealthBoard>('/health/board') })

export const useHealthModels = () =>
  useQuery({
    queryKey: healthKeys.models(),
    queryFn: () => get<Page<HealthModel>>('/health-models', { limit: 100 }),
  })

/** The account object's custom fields a metric can read: number, money, percent, number formulas, roll-ups. */
export const useAccountNumberFields = () =>
  useQuery({
    queryKey: healthKeys.numberFields(),
    queryFn: () => get<ObjectSchema>('/objects/accounts'),
    select: (o): ObjectField[] =>
      o.fields.filter(
        (f) =>
          f.custom &&
          (healthFieldTypes as readonly string[]).includes(f.type) &&
          (f.type !== 'formula' || (f.resultType ?? 'number') === 'number'),
      ),
  })

/** Sets or ends an override; refreshes the account's health. */
export function useOverride(accountId: string) {
  const qc = useQueryClient()
  const done = () => qc.invalidateQueries({ queryKey: ['health'] })
  return {
    set: useMutation({
      mutationFn: (body: { score: number; reason: string; expiresAt: string }) =>
        post<AccountHealth>(`/accounts/${accountId}/health/override`, body),
      onSuccess: done,
    }),
    end: useMutation({
      mutationFn: (reason: string) =>
        api<AccountHealth>('DELETE', `/accounts/${accountId}/health/override`, { reason }),
      onSuccess: done,
    }),
  }
}
