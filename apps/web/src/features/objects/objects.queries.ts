import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CustomObject, CustomObjectCreate } from '@openkam/contract'
import { del, get, patch, post } from '../../shared/api/client'
import { fieldKeys } from '../fields/fields.queries'

export type { CustomObject, CustomObjectCreate }
export type CustomObjectUpdate = {
  version: number
  label?: string
  pluralLabel?: string
  labels?: CustomObject['labels']
  icon?: string | null
}

export const objectKeys = {
  all: ['custom-objects'] as const,
  deleted: ['custom-objects', 'deleted'] as const,
}

const langOf = (lang: string) => (lang.startsWith('zh') ? 'zh-CN' : 'en')

/** A custom object's name in the app's language (its default name if it has none in that language). */
export function objectName(o: CustomObject, lang: string, many = true): string {
  const mine = o.labels[langOf(lang)]
  return many ? (mine?.many ?? mine?.one ?? o.pluralLabel) : (mine?.one ?? o.label)
}

/** The workspace's custom objects (`GET /custom-objects`): the sidebar, Settings and pickers share it. */
export function useCustomObjects(enabled = true) {
  return useQuery({
    queryKey: objectKeys.all,
    queryFn: () => get<{ data: CustomObject[] }>('/custom-objects'),
    staleTime: 60_000,
    enabled,
  })
}

/** The deleted objects, latest deletion first, to restore them (`GET /custom-objects?deleted=only`, administrators). */
export function useDeletedObjects(enabled = true) {
  return useQuery({
    queryKey: objectKeys.deleted,
    queryFn: () => get<{ data: CustomObject[] }>('/custom-objects?deleted=only'),
    enabled,
  })
}

/** After any change: the objects, their descriptions (lists, forms) and their fields reload. */
function useRefresh() {
  const qc = useQueryClient()
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: objectKeys.all }),
      qc.invalidateQueries({ queryKey: fieldKeys.objects }),
      qc.invalidateQueries({ queryKey: fieldKeys.definitions }),
    ])
}

export function useSaveObject() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (
      v: { key: string; body: CustomObjectUpdate } | { key?: undefined; body: CustomObjectCreate },
    ) => (v.key ? patch<CustomObject>(`/objects/${v.key}`, v.body) : post<CustomObject>('/objects', v.body)),
    onSuccess: refresh,
  })
}

export function useDeleteObject() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (key: string) => del<CustomObject>(`/objects/${key}`),
    onSuccess: refresh,
  })
}

export function useRestoreObject() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (key: string) => post<CustomObject>(`/objects/${key}/restore`),
    onSuccess: refresh,
  })
}
