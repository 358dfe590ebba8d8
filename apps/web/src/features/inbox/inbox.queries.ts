import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Notification, taskResource } from '@openkam/contract'
import type { z } from 'zod'
import { get, post, type Page } from '../../shared/api/client'

export type { Notification }
export type Task = z.infer<typeof taskResource.Record>
export type InboxData = {
  unread: number
  overdue: number
  tasks: Task[]
  reminders: Task[]
  notifications: Notification[]
}

/** Query keys. Everything about notifications sits under `notifications`, so one invalidation refreshes it all. */
export const inboxKeys = {
  inbox: ['inbox'] as const,
  notifications: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  latest: ['notifications', 'latest'] as const,
  lists: ['notifications', 'list'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const,
}

/** My open tasks, reminders and latest notifications, with the unread and overdue counts. */
export function useInbox() {
  return useQuery({ queryKey: inboxKeys.inbox, queryFn: () => get<InboxData>('/inbox') })
}

/** My unread in-app notifications: polled every 20 s and again when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: inboxKeys.unread,
    queryFn: () => get<{ unread: number }>('/notifications/unread-count'),
    refetchInterval: 20_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
    retry: false,
  })
}

/** The few newest notifications, for the bell's popover (fetched only while it is open). */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: inboxKeys.latest,
    queryFn: () => get<Page<Notification>>('/notifications', { limit: 8 }),
    enabled,
    staleTime: 0,
  })
}

/** My in-app notifications, newest first, a page at a time. */
export function useNotificationList(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(unreadOnly),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Notification>>('/notifications', {
        unread: unreadOnly ? 'true' : undefined,
        limit: 30,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

/** Marks one notification read; the unread count drops at once and everything else refreshes. */
export function useMarkRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (n: Pick<Notification, 'id' | 'readAt'>) => post(`/notifications/${n.id}/read`),
    onMutate: (n) => {
      if (!n.readAt)
        qc.setQueryData<{ unread: number }>(
          inboxKeys.unread,
          (c) => c && { unread: Math.max(0, c.unread - 1) },
        )
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: inboxKeys.notifications })
      void qc.invalidateQueries({ queryKey: inboxKeys.inbox })
    },
  })
}

export function useMarkAllRead() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => qc.setQueryData(inboxKeys.unread, { unread: 0 }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: inboxKeys.notifications })
      void qc.invalidateQueries({ queryKey: inboxKeys.inbox })
    },
  })
}
