import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { FormLayout, FormLayoutUpdate, ObjectSchema } from '@openkam/contract'
import { api, get } from '../../shared/api/client'

export const layoutKeys = {
  all: ['layouts'] as const,
  one: (object: string, lang: string) => ['layouts', object, lang] as const,
  objects: (lang: string) => ['objects', 'list', lang] as const,
}

/** The app's language as the API takes it. */
export const langOf = (lang: string) => (lang.startsWith('zh') ? 'zh-CN' : 'en')

/** An object's form layout for the signed-in person (titles in their language), cached for a few minutes. */
export function useLayout(object: string | undefined) {
  const { i18n } = useTranslation()
  const lang = langOf(i18n.language)
  return useQuery({
    queryKey: layoutKeys.one(object ?? '', lang),
    queryFn: () => get<FormLayout>(`/objects/${object}/layout`, { lang }),
    enabled: !!object,
    staleTime: 5 * 60_000,
  })
}

/** Every object, built-in and custom (`GET /objects`). */
export function useObjectList() {
  const { i18n } = useTranslation()
  const lang = langOf(i18n.language)
  return useQuery({
    queryKey: layoutKeys.objects(lang),
    queryFn: () => get<{ data: ObjectSchema[] }>('/objects', { lang }),
    staleTime: 5 * 60_000,
  })
}

/** Saves a layout with the version read (409 when someone saved meanwhile); every form reloads it. */
export function useSaveLayout(object: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: FormLayoutUpdate) => api<FormLayout>('PUT', `/objects/${object}/layout`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: layoutKeys.all }),
  })
}

/** Resets an object's layout to the default for everyone (`DELETE /objects/:key/layout`, audited). */
export function useResetLayout(object: string) {
  const qc = useQueryClient()
  const { i18n } = useTranslation()
  return useMutation({
    mutationFn: () =>
      api<FormLayout>('DELETE', `/objects/${object}/layout`, undefined, { lang: langOf(i18n.language) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: layoutKeys.all }),
  })
}

export type { FormLayout, FormLayoutUpdate }
