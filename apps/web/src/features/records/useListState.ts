import { useSearchParams } from 'react-router'
import type { CollectionMeta } from './meta'

const RESERVED = ['q', 'sort', 'after', 'cols', 'view']

/** The list's state, kept in the URL: search, sort, filters, the cursors of the pages before, columns. */
export function useListState(meta: CollectionMeta) {
  const [params, setParams] = useSearchParams()
  const after = params.get('after')?.split('.').filter(Boolean) ?? []
  const filters: Record<string, string> = {}
  for (const [k, v] of params.entries()) if (!RESERVED.includes(k)) filters[k] = v
  const cols = params.get('cols')?.split(',').filter(Boolean)
  const update = (changes: Record<string, string | null | undefined>, resetPaging = true) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    if (resetPaging && !('after' in changes)) next.delete('after')
    setParams(next)
  }
  return {
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? meta.defaultSort,
    filters,
    after,
    cursor: after.at(-1),
    columns: cols ?? meta.columns,
    update,
    replaceAll: (p: Record<string, string>) => setParams(new URLSearchParams(p)),
    search: params,
  }
}

/** Named views (filters, sort, columns) saved per person in this browser. */
export function savedViews(userId: string, collection: string) {
  const key = `openkam.views.${userId}.${collection}`
  const read = (): { name: string; params: string }[] => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '[]')
    } catch {
      return []
    }
  }
  return {
    list: read,
    save: (name: string, params: string) =>
      localStorage.setItem(key, JSON.stringify([...read().filter((v) => v.name !== name), { name, params }])),
    remove: (name: string) =>
      localStorage.setItem(key, JSON.stringify(read().filter((v) => v.name !== name))),
  }
}
