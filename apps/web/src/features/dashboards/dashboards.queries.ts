import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type {
  Dashboard,
  DashboardCreate,
  DashboardData,
  DashboardFilters,
  DashboardSubscription,
  DashboardUpdate,
  EffortCosts,
  MetricPeriod,
  NorthStar,
  NorthStarProgress,
  ReportMetricKey,
  SavedReport,
} from '@openkam/contract'
import { del, get, patch, post, type Page } from '../../shared/api/client'
import { api } from '../../shared/api/client'
import { filterQuery } from './dashboard-filters'

export type {
  Dashboard,
  DashboardData,
  DashboardFilters,
  DashboardSubscription,
  EffortCosts,
  NorthStar,
  NorthStarProgress,
  SavedReport,
}
export type WidgetData = DashboardData['widgets'][number]
export type NorthStarItem = NorthStarProgress['metrics'][number]

/** One entry of the metrics catalogue (GET /metrics). */
export type CatalogueMetric = {
  key: ReportMetricKey
  label: string
  description?: string
  unit: 'score' | 'percent' | 'money' | 'count' | 'days'
  higherIsBetter: boolean
  defaultPeriod?: MetricPeriod
}

export const dashboardKeys = {
  all: ['dashboards'] as const,
  list: ['dashboards', 'list'] as const,
  one: (id: string) => ['dashboards', 'one', id] as const,
  data: (id: string, filters: DashboardFilters, lang: string) =>
    ['dashboards', 'data', id, lang, filters] as const,
  subscriptions: (dashboardId: string) => ['dashboard-subscriptions', dashboardId] as const,
  reports: ['reports', 'saved', 'all'] as const,
  metrics: ['metrics', 'catalogue'] as const,
  northStar: ['north-star'] as const,
  progress: (filters: DashboardFilters) => ['north-star', 'progress', filters] as const,
  effortCosts: ['reports', 'effort-costs'] as const,
  roles: ['roles', 'all'] as const,
}

/** Every page of a list (the API pages by cursor). */
async function all<T>(path: string, query: Record<string, string | number> = {}): Promise<T[]> {
  const rows: T[] = []
  let cursor: string | null = null
  for (let i = 0; i < 20; i++) {
    const page: Page<T> = await get<Page<T>>(path, { limit: 200, ...query, cursor })
    rows.push(...page.data)
    cursor = page.nextCursor
    if (!cursor) break
  }
  return rows
}

/** The dashboards the person may see: their own, those shared with them and the built-in ones. */
export function useDashboards() {
  return useQuery({ queryKey: dashboardKeys.list, queryFn: () => all<Dashboard>('/dashboards') })
}

export function useDashboard(id: string) {
  return useQuery({ queryKey: dashboardKeys.one(id), queryFn: () => get<Dashboard>(`/dashboards/${id}`) })
}

/** Every widget's data under the dashboard's filters; `refresh` computes again instead of reading the cache. */
/** The API's language for labels (report groupings, metric names) from the app's. */
export const apiLang = (lang: string) => (lang.startsWith('zh') ? 'zh-CN' : 'en')

export function fetchDashboardData(id: string, filters: DashboardFilters, lang: string, refresh = false) {
  // Every filter key is sent, empty ones too: an empty value overrides a filter the dashboard saves.
  const q = new URLSearchParams({ ...filterQuery(filters), lang: apiLang(lang) })
  if (refresh) q.set('refresh', 'true')
  return get<DashboardData>(`/dashboards/${id}/data?${q.toString()}`)
}

export function useDashboardData(id: string, filters: DashboardFilters, enabled = true) {
  const { i18n } = useTranslation()
  return useQuery({
    queryKey: dashboardKeys.data(id, filters, i18n.language),
    queryFn: () => fetchDashboardData(id, filters, i18n.language),
    placeholderData: keepPreviousData,
    enabled,
  })
}

export function useCreateDashboard() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: DashboardCreate) => post<Dashboard>('/dashboards', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.list }),
  })
}

/** PATCH with the version read; the answer replaces the cached dashboard and its data is read again. */
export function useUpdateDashboard(id: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: DashboardUpdate) => patch<Dashboard>(`/dashboards/${id}`, body),
    onSuccess: (d) => {
      qc.setQueryData(dashboardKeys.one(id), d)
      void qc.invalidateQueries({ queryKey: dashboardKeys.list })
      void qc.invalidateQueries({ queryKey: ['dashboards', 'data', id] })
    },
  })
}

export function useDeleteDashboard() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (d: Dashboard) => del(`/dashboards/${d.id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.list }),
  })
}

/** Saved reports the person may see (for "add a widget"). */
export function useSavedReports(enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.reports,
    queryFn: () => all<SavedReport>('/reports'),
    enabled,
    staleTime: 30_000,
  })
}

/** The metrics catalogue: every figure a metric widget or a north-star metric may show. */
export function useMetricCatalogue() {
  return useQuery({
    queryKey: dashboardKeys.metrics,
    queryFn: async () => {
      const res = await get<CatalogueMetric[] | { data: CatalogueMetric[] }>('/metrics')
      return Array.isArray(res) ? res : res.data
    },
    staleTime: 10 * 60_000,
  })
}

export function useNorthStar() {
  return useQuery({ queryKey: dashboardKeys.northStar, queryFn: () => get<NorthStar>('/north-star') })
}

export function useSaveNorthStar() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: NorthStar) => api<NorthStar>('PUT', '/north-star', body),
    onSuccess: (ns) => {
      qc.setQueryData(dashboardKeys.northStar, ns)
      void qc.invalidateQueries({ queryKey: ['north-star', 'progress'] })
    },
  })
}

export function useNorthStarProgress(filters: DashboardFilters = {}) {
  return useQuery({
    queryKey: dashboardKeys.progress(filters),
    queryFn: () => get<NorthStarProgress>('/north-star/progress', { ...filters }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
}

export function useEffortCosts() {
  return useQuery({
    queryKey: dashboardKeys.effortCosts,
    queryFn: () => get<EffortCosts>('/reports/effort-costs'),
  })
}

export function useSaveEffortCosts() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: EffortCosts) => api<EffortCosts>('PUT', '/reports/effort-costs', body),
    onSuccess: (c) => qc.setQueryData(dashboardKeys.effortCosts, c),
  })
}

export type RoleOption = { key: string; name: string }
export function useRoles() {
  return useQuery({
    queryKey: dashboardKeys.roles,
    queryFn: () => get<Page<RoleOption>>('/roles', { limit: 200 }),
    staleTime: 5 * 60_000,
  })
}

/** What "send now" did on each channel (a channel not set up is skipped with the reason). */
export type SendOutcome = {
  deliveries: { id: string; channel: string; userId: string | null; status: string; error: string | null }[]
}

export type SubscriptionInput = Pick<DashboardSubscription, 'channel' | 'frequency' | 'hour'>

/** The person's own subscriptions to one dashboard. */
export function useSubscriptions(dashboardId: string, enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.subscriptions(dashboardId),
    queryFn: () => all<DashboardSubscription>('/dashboard-subscriptions', { dashboardId, ownerId: 'me' }),
    enabled,
  })
}

export function useSubscriptionMutations(dashboardId: string) {
  const qc = useQueryClient()
  const reload = () => qc.invalidateQueries({ queryKey: dashboardKeys.subscriptions(dashboardId) })
  return {
    create: useMutation({
      mutationFn: (body: SubscriptionInput) =>
        post<DashboardSubscription>('/dashboard-subscriptions', { ...body, dashboardId, enabled: true }),
      onSuccess: reload,
    }),
    toggle: useMutation({
      mutationFn: (s: DashboardSubscription) =>
        patch<DashboardSubscription>(`/dashboard-subscriptions/${s.id}`, {
          version: s.version,
          enabled: !s.enabled,
        }),
      onSuccess: reload,
    }),
    send: useMutation({
      mutationFn: (s: DashboardSubscription) => post<SendOutcome>(`/dashboard-subscriptions/${s.id}/send`),
      onSuccess: reload,
    }),
    remove: useMutation({
      mutationFn: (s: DashboardSubscription) => del(`/dashboard-subscriptions/${s.id}`),
      onSuccess: reload,
    }),
  }
}
