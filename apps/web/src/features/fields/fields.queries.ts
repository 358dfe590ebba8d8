import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type {
  FieldDefinition,
  FieldDefinitionCreate,
  FieldDefinitionUpdate,
  ObjectSchema,
} from '@openkam/contract'
import { del, get, patch, post } from '../../shared/api/client'

export const fieldKeys = {
  objects: ['objects'] as const,
  object: (key: string, lang: string) => ['objects', key, lang] as const,
  definitions: ['field-definitions'] as const,
  definitionList: (object: string, deleted: boolean) =>
    ['field-definitions', object, deleted ? 'deleted' : 'live'] as const,
}

/** The app's language, not the browser's: labels come back in the language the person chose. */
const langOf = (lang: string) => (lang.startsWith('zh') ? 'zh-CN' : 'en')

/** One object with its built-in and custom fields (`GET /objects/:key`), cached for a few minutes. */
export function useObjectSchema(key: string | undefined) {
  const { i18n } = useTranslation()
  const lang = langOf(i18n.language)
  return useQuery({
    queryKey: fieldKeys.object(key ?? '', lang),
    queryFn: () => get<ObjectSchema>(`/objects/${key}`, { lang }),
    enabled: !!key,
    staleTime: 5 * 60_000,
  })
}

export function useFieldDefinitions(object: string, deleted = false) {
  return useQuery({
    queryKey: fieldKeys.definitionList(object, deleted),
    queryFn: () =>
      get<{ data: FieldDefinition[] }>('/field-definitions', {
        object,
        deleted: deleted ? 'only' : undefined,
      }),
    // An index being built in the background: look again until it is ready (or failed).
    refetchInterval: (q) => (q.state.data?.data.some((d) => d.indexStatus === 'building') ? 3000 : false),
  })
}

/** After any change: the definitions and every object description (lists, forms, pages) reload. */
function useRefresh() {
  const qc = useQueryClient()
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: fieldKeys.definitions }),
      qc.invalidateQueries({ queryKey: fieldKeys.objects }),
    ])
}

export function useSaveFieldDefinition() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (
      v: { id: string; body: FieldDefinitionUpdate } | { id?: undefined; body: FieldDefinitionCreate },
    ) =>
      v.id
        ? patch<FieldDefinition>(`/field-definitions/${v.id}`, v.body)
        : post<FieldDefinition>('/field-definitions', v.body),
    onSuccess: refresh,
  })
}

export function useDeleteFieldDefinition() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) => del<FieldDefinition>(`/field-definitions/${id}`),
    onSuccess: refresh,
  })
}

export function useRestoreFieldDefinition() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) => post<FieldDefinition>(`/field-definitions/${id}/restore`),
    onSuccess: refresh,
  })
}

export type { FieldDefinition, FieldDefinitionCreate, FieldDefinitionUpdate, ObjectSchema }
