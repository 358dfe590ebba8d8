/** A problem+json answer from the API, with the field errors it listed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

let onUnauthorized: (() => void) | undefined
/** Called when any request answers 401 (the session expired or was ended elsewhere). */
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn
}

export type Query = Record<string, string | number | boolean | undefined | null>

export const toSearch = (q: Query = {}) => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}

/**
 * Headers of every call the app makes: the language it shows, so that the server's own texts (errors,
 * labels, explanations) are in the language on the screen, not the profile's (core/http/language.ts).
 */
export const appHeaders = (): Record<string, string> => {
  // The page's own language attribute, which i18n.ts sets at start and on every switch (read here rather
  // than importing the i18n set-up, which this module's unit-tested users do not load).
  const lang = document.documentElement.lang
  return lang ? { 'x-openkam-language': lang } : {}
}

/** Calls the OpenKAM API with the session cookie; throws ApiError on anything but 2xx. */
export async function api<T = any>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await fetch(`/api/v1${path}${toSearch(query)}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? appHeaders() : { ...appHeaders(), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 204) return undefined as T
  const text = await res.text()
  const data = text ? JSON.parse(text) : null
  if (!res.ok) {
    // The portal's 401 means "sign in to the portal", not that the staff session ended.
    if (res.status === 401 && !path.startsWith('/auth/') && !path.startsWith('/portal/')) onUnauthorized?.()
    throw new ApiError(
      res.status,
      data?.code ?? 'error',
      data?.detail ?? res.statusText,
      data?.errors ?? [],
      data ?? {},
    )
  }
  return data as T
}

export const get = <T = any>(path: string, query?: Query) => api<T>('GET', path, undefined, query)
export const post = <T = any>(path: string, body?: unknown) => api<T>('POST', path, body ?? {})
export const patch = <T = any>(path: string, body: unknown) => api<T>('PATCH', path, body)
export const del = <T = any>(path: string) => api<T>('DELETE', path)

export type Page<T> = { data: T[]; nextCursor: string | null }
