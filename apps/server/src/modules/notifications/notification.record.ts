import type { Notification } from '@openkam/contract'
import type { NotificationRow } from './notification.repository'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

/** A delivery row on the wire (payload, response and the lock stay inside). */
export const notificationRecord = (r: NotificationRow): Notification => ({
  id: r.id,
  userId: r.userId ?? null,
  role: r.role ?? null,
  channel: r.channel as Notification['channel'],
  subject: r.subject,
  body: r.body,
  link: r.link ?? null,
  relatedType: r.relatedType ?? null,
  relatedId: r.relatedId ?? null,
  status: r.status as Notification['status'],
  error: r.error ?? null,
  attempts: r.attempts,
  sentAt: iso(r.sentAt),
  readAt: iso(r.readAt),
  ruleRunId: r.ruleRunId ?? null,
  webhookId: r.webhookId ?? null,
  createdAt: r.createdAt.toISOString(),
})
