import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type {
  DeliveryTestResult as DeliveryTestResultSchema,
  NotificationPreferences,
  NotificationSettingsView as NotificationSettingsViewSchema,
  Webhook as WebhookSchema,
} from '@openkam/contract'
import type { z } from 'zod'
import { get, type Page } from '../../shared/api/client'
import type { Notification } from './inbox.queries'

export type { NotificationPreferences }
export type Webhook = z.infer<typeof WebhookSchema>
export type NotificationSettingsView = z.infer<typeof NotificationSettingsViewSchema>
export type DeliveryTestResult = z.infer<typeof DeliveryTestResultSchema>
export type DeliveryFilter = { status?: string; channel?: string }

export const channelKeys = {
  /** Every webhook query (the automation designer keeps its own list under this prefix too). */
  webhooks: ['webhooks'] as const,
  webhookList: ['webhooks', 'settings'] as const,
  settings: ['notification-settings'] as const,
  preferences: ['notification-preferences'] as const,
  deliveries: (f: DeliveryFilter) => ['notifications', 'deliveries', f] as const,
}

/** The workspace's robots and webhook endpoints (administrators). */
export function useChannelWebhooks() {
  return useQuery({
    queryKey: channelKeys.webhookList,
    queryFn: () => get<Page<Webhook>>('/webhooks', { limit: 500 }),
  })
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: channelKeys.settings,
    queryFn: () => get<NotificationSettingsView>('/notification-settings'),
  })
}

export function usePreferences() {
  return useQuery({
    queryKey: channelKeys.preferences,
    queryFn: () => get<NotificationPreferences>('/me/notification-preferences'),
  })
}

/** Every delivery of the workspace, all channels, newest first (administrators), a page at a time. */
export function useDeliveries(filter: DeliveryFilter) {
  return useInfiniteQuery({
    queryKey: channelKeys.deliveries(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<Notification>>('/notifications', { all: 'true', ...filter, limit: 50, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}
