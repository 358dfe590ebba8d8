import { useQueries, useQuery } from '@tanstack/react-query'
import { get, type Page } from './client'
import { apiPathOf } from './object-paths'

type Named = { id: string; name?: string; title?: string; subject?: string; number?: string }

/** The workspace's users (for names and pickers), cached for the session. */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () =>
      get<Page<{ id: string; name: string; email: string; active: boolean; roles: string[] }>>('/users', {
        limit: 500,
      }),
    staleTime: 5 * 60_000,
  })
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams', 'all'],
    queryFn: () => get<Page<{ id: string; name: string }>>('/teams', { limit: 500 }),
    staleTime: 5 * 60_000,
  })
}

/** The query of the names of the given records of a collection (a built-in one or a custom object). */
export function namesQuery(collection: string, ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))].sort()
  return {
    queryKey: [collection, 'names', unique],
    queryFn: async (): Promise<Record<string, string>> => {
      const res = await get<Page<Named>>(apiPathOf(collection), { id: unique.join(','), limit: 500 })
      return Object.fromEntries(
        res.data.map((r) => [r.id, r.name ?? r.title ?? r.subject ?? r.number ?? r.id]),
      )
    },
    enabled: unique.length > 0,
    staleTime: 60_000,
  }
}

/** Names of the given records of a collection, fetched in one request. */
export function useNames(collection: string, ids: (string | null | undefined)[]) {
  return useQuery(namesQuery(collection, ids))
}

/**
 * Names of records of several collections at once (e.g. the relation fields of a list's rows), one
 * request per collection: `{ [id]: name }`.
 */
export function useNamesOf(idsByCollection: Record<string, (string | null | undefined)[]>) {
  return useQueries({
    queries: Object.entries(idsByCollection).map(([c, ids]) => namesQuery(c, ids)),
    combine: (results) => Object.assign({}, ...results.map((r) => r.data ?? {})) as Record<string, string>,
  })
}
