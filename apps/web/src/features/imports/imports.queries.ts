import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { Import, ImportMappingSource, ImportPreview, ImportUndoResult } from '@openkam/contract'
import { ApiError, appHeaders, get, type Page } from '../../shared/api/client'

export type { Import, ImportMappingSource, ImportPreview, ImportUndoResult }

export const importKeys = {
  all: ['imports'] as const,
  list: (object?: string) => ['imports', 'list', object ?? ''] as const,
  mappings: (object?: string) => ['import-mappings', object ?? ''] as const,
}

/** Imports, newest first, 20 a page (more on demand), optionally of one object. */
export function useImports(object?: string) {
  return useInfiniteQuery({
    queryKey: importKeys.list(object),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Import>>('/imports', { limit: 20, object: object || undefined, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
    // An import or an undo still running: follow it.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) =>
        p.data.some(
          (i) => ['pending', 'validating', 'importing'].includes(i.status) || i.undoState === 'undoing',
        ),
      )
        ? 1500
        : false,
  })
}

/** The workspace's saved column mappings, of one object or all. */
export function useImportMappings(object?: string) {
  return useQuery({
    queryKey: importKeys.mappings(object),
    queryFn: () =>
      get<Page<ImportMappingSource>>('/import-mappings', { object: object || undefined, limit: 100 }),
  })
}

/**
 * POSTs a file as multipart/form-data (the import and its preview take the same form), answering the
 * JSON body or throwing the API's error.
 */
export async function postForm<T>(path: string, fields: Record<string, string | undefined>, file: File) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v)
  form.append('file', file)
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: appHeaders(),
  })
  const body = await res.json()
  if (!res.ok) throw new ApiError(res.status, body.code, body.detail, body.errors ?? [], body)
  return body as T
}

/** An API error in words: its message and each field's problem. */
export const errorText = (e: unknown) =>
  e instanceof ApiError
    ? [e.message, ...e.errors.map((x) => `${x.path}: ${x.message}`)].join(' · ')
    : String(e)
