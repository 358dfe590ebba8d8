import type { DeliveryStatus, Notification } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { isUuid, newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import type { MobileNumber } from './channels/sms/sms.sender'
import { insertNotifications, notificationsByIds, type NewNotificationRow } from './notification.repository'
import { notificationRecord } from './notification.record'
import { queueDeliveries } from './notify.service'
import { loadSettings } from './settings.service'

/**
 * Records (and queues) one text message to a number that is not a user's, e.g. a customer's contact, in
 * the caller's transaction — the SMS counterpart of `emailAddress`: logged and retried like every
 * delivery. SMS carries only approved templates, so `params` are the template's values in its order;
 * `subject` and `body` are what the delivery log shows. Skipped, with the reason, when the workspace has
 * no SMS provider or has it switched off.
 */
export async function textAddress(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  req: {
    to: MobileNumber
    params: Record<string, string>
    subject: string
    body: string
    relatedType?: string | null
    relatedId?: string | null
  },
): Promise<{ id: string; status: DeliveryStatus; error: string | null }> {
  const { sms } = await loadSettings(tx, ws)
  const error = !sms
    ? 'SMS is not set up for this workspace — add the provider in Settings → Channels'
    : !sms.enabled
      ? 'SMS is switched off in Settings → Channels'
      : null
  const row: NewNotificationRow = {
    id: newId(),
    workspaceId: ws,
    userId: null,
    channel: 'sms',
    subject: req.subject,
    body: req.body,
    link: null,
    relatedType: req.relatedType ?? null,
    relatedId: req.relatedId && isUuid(req.relatedId) ? req.relatedId : null,
    status: error ? 'skipped' : 'pending',
    error,
    payload: error ? null : { to: req.to, params: req.params },
    createdAt: new Date(),
  }
  await insertNotifications(tx, [row])
  await queueDeliveries(tx, ws, jobs, [row])
  return { id: row.id!, status: row.status as DeliveryStatus, error }
}

/** Delivery rows by id, as the API shows them. */
export const deliveriesByIds = async (tx: Executor, ws: string, ids: string[]): Promise<Notification[]> =>
  (await notificationsByIds(tx, ws, ids.filter(isUuid))).map(notificationRecord)
