import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type {
  ReportDrill,
  ReportQuery,
  ReportResult,
  SavedReport,
  SavedReportCreate,
  SavedReportUpdate,
} from '@openkam/contract'
import { del, get, patch, post, type Page } from '../../shared/api/client'

export type { ReportQuery, ReportResult, SavedReport }

/** A field a report may use (`GET /reports/fields`): the object's own, and through a relation the related record's. */
export type ReportFieldInfo = {
  path: string
  label: string
  type: string
  kind: 'number' | 'text' | 'date' | 'datetime' | 'boolean' | 'id' | 'list'
  options?: { value: string; label: string }[]
  /** The related object, for a relation whose record's fields follow as `<path>.<field>`. */
  relation?: string
}

export type DrillPage = { object: string; data: Record<string, unknown>[]; nextCursor: string | null }

const langOf = (lang: string) => (lang.startsWith('zh') ? 'zh-CN' : 'en')

export const reportBuilderKeys = {
  saved: ['reports', 'saved'] as const,
  savedList: ['reports', 'saved', 'list'] as const,
  one: (id: string) => ['reports', 'saved', 'one', id] as const,
  fields: (object: string, lang: string) => ['reports', 'fields', object, lang] as const,
  run: (q: ReportQuery, lang: string) => ['reports', 'run', lang, q] as const,
  drill: (q: ReportDrill) => ['reports', 'drill', q] as const,
  roles: ['roles', 'all'] as const,
}

/** The reportable fields of an object in the app's language. */
export function useReportFields(object: string | undefined) {
  const { i18n } = useTranslation()
  const lang = langOf(i18n.language)
  return useQuery({
    queryKey: reportBuilderKeys.fields(object ?? '', lang),
    queryFn: () => get<{ object: string; fields: ReportFieldInfo[] }>('/reports/fields', { object, lang }),
    enabled: !!object,
    staleTime: 5 * 60_000,
  })
}

/** Runs a report query (`POST /reports/run`); the previous answer stays while the next one loads. */
export function useRunReport(query: ReportQuery | null) {
  const { i18n } = useTranslation()
  const lang = langOf(i18n.language)
  return useQuery({
    queryKey: reportBuilderKeys.run(query ?? { object: '' }, lang),
    queryFn: () => post<ReportResult>(`/reports/run?lang=${lang}`, query),
    enabled: !!query,
    placeholderData: keepPreviousData,
    retry: false,
  })
}

/** The records behind one group, page by page (`POST /reports/drill`). */
export function useDrill(drill: ReportDrill | null) {
  return useInfiniteQuery({
    queryKey: reportBuilderKeys.drill(drill ?? { object: '' }),
    queryFn: ({ pageParam }) =>
      post<DrillPage>('/reports/drill', { ...drill, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!drill,
    retry: false,
  })
}

/** The saved reports the person may see (own, shared with them, built-in), page by page. */
export function useSavedReports() {
  return useInfiniteQuery({
    queryKey: reportBuilderKeys.savedList,
    queryFn: ({ pageParam }) => get<Page<SavedReport>>('/reports', { limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
}

export function useSavedReport(id: string | undefined) {
  return useQuery({
    queryKey: reportBuilderKeys.one(id ?? ''),
    queryFn: () => get<SavedReport>(`/reports/${id}`),
    enabled: !!id,
  })
}

/** Creates a report, or updates one with the version read (409 when someone saved meanwhile). */
export function useSaveReport() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; body: SavedReportUpdate } | { id?: undefined; body: SavedReportCreate }) =>
      v.id ? patch<SavedReport>(`/reports/${v.id}`, v.body) : post<SavedReport>('/reports', v.body),
    onSuccess: (r) => {
      qc.setQueryData(reportBuilderKeys.one(r.id), r)
      return qc.invalidateQueries({ queryKey: reportBuilderKeys.saved })
    },
  })
}

export function useDeleteReport() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => del(`/reports/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportBuilderKeys.saved }),
  })
}

export type RoleOption = { key: string; name: string }
export function useRoleOptions() {
  return useQuery({
    queryKey: reportBuilderKeys.roles,
    queryFn: () => get<Page<RoleOption>>('/roles', { limit: 200 }),
    staleTime: 5 * 60_000,
  })
}
