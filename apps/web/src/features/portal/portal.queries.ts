import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api } from '../../shared/api/client'

export type PortalMe = {
  workspace: { name: string; slug: string }
  contact: { id: string; name: string; email: string | null }
  account: { id: string; name: string }
}
export type PortalTicket = {
  id: string
  number: string | null
  subject: string
  body: string | null
  type: string
  priority: string
  status: string
  satisfaction: number | null
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
  contactName: string | null
}
export type PortalFile = { id: string; name: string; size: number; contentType: string }
export type PortalMessage = {
  id: string
  body: string
  fromCustomer: boolean
  authorName: string | null
  files: PortalFile[]
  createdAt: string
}

/** The portal's API for one workspace (its own cookie; a 401 means "sign in to the portal", nothing else). */
export const portalApi = (slug: string) => {
  const base = `/portal/${encodeURIComponent(slug)}`
  return {
    signIn: (email: string, lang: string) => api('POST', `${base}/sign-in`, { email, lang }),
    start: (token: string) => api<PortalMe>('POST', `${base}/session`, { token }),
    signOut: () => api('DELETE', `${base}/session`),
    me: () => api<PortalMe>('GET', `${base}/me`),
    tickets: () =>
      api<{ data: PortalTicket[]; hasMore: boolean }>('GET', `${base}/tickets`, undefined, { limit: 100 }),
    ticket: (id: string) => api<PortalTicket>('GET', `${base}/tickets/${id}`),
    submit: (body: { subject: string; body?: string; type: string; priority: string; fileIds?: string[] }) =>
      api<PortalTicket>('POST', `${base}/tickets`, body),
    messages: (id: string) => api<{ data: PortalMessage[] }>('GET', `${base}/tickets/${id}/messages`),
    reply: (id: string, body: string, fileIds: string[] = []) =>
      api<{ data: PortalMessage[] }>('POST', `${base}/tickets/${id}/messages`, {
        body,
        ...(fileIds.length ? { fileIds } : {}),
      }),
    /** Where a file of the conversation (or one's own upload) downloads. */
    fileUrl: (fileId: string) => `/api/v1${base}/files/${fileId}`,
    upload: (file: File, onProgress?: (percent: number) => void) =>
      uploadWithProgress(`/api/v1${base}/files`, file, onProgress),
    move: (id: string, action: 'confirm' | 'reopen') =>
      api<PortalTicket>('POST', `${base}/tickets/${id}/${action}`),
    rate: (id: string, score: number, comment?: string) =>
      api<PortalTicket>('POST', `${base}/tickets/${id}/rating`, { score, ...(comment ? { comment } : {}) }),
  }
}

/**
 * Uploads one file (multipart, part "file") reporting progress — fetch cannot tell upload progress, so
 * XMLHttpRequest; throws ApiError with the server's problem (413 too large, 415 type) like `api`.
 */
function uploadWithProgress(url: string, file: File, onProgress?: (percent: number) => void) {
  return new Promise<PortalFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let data: any = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as PortalFile)
      else
        reject(
          new ApiError(
            xhr.status,
            data?.code ?? 'error',
            data?.detail ?? xhr.statusText,
            data?.errors ?? [],
            data ?? {},
          ),
        )
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'))
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

const keys = {
  me: (slug: string) => ['portal', slug, 'me'] as const,
  tickets: (slug: string) => ['portal', slug, 'tickets'] as const,
  ticket: (slug: string, id: string) => ['portal', slug, 'ticket', id] as const,
  messages: (slug: string, id: string) => ['portal', slug, 'messages', id] as const,
}

/** The signed-in visitor (a 401 error when nobody is); not asked while an e-mailed link is being spent. */
export const usePortalMe = (slug: string, enabled = true) =>
  useQuery({ queryKey: keys.me(slug), queryFn: () => portalApi(slug).me(), retry: false, enabled })
export const usePortalTickets = (slug: string) =>
  useQuery({ queryKey: keys.tickets(slug), queryFn: () => portalApi(slug).tickets() })
export const usePortalTicket = (slug: string, id: string) =>
  useQuery({ queryKey: keys.ticket(slug, id), queryFn: () => portalApi(slug).ticket(id), retry: false })
export const usePortalMessages = (slug: string, id: string) =>
  useQuery({ queryKey: keys.messages(slug, id), queryFn: () => portalApi(slug).messages(id) })

/** Refreshes what a change to one ticket may have moved (the list, the ticket, its messages). */
export function usePortalRefresh(slug: string) {
  const qc = useQueryClient()
  return (id?: string) => {
    void qc.invalidateQueries({ queryKey: keys.tickets(slug) })
    if (id) {
      void qc.invalidateQueries({ queryKey: keys.ticket(slug, id) })
      void qc.invalidateQueries({ queryKey: keys.messages(slug, id) })
    }
  }
}

export const usePortalMutation = <A, R>(fn: (a: A) => Promise<R>) => useMutation({ mutationFn: fn })
export { keys as portalKeys }
