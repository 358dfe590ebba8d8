import type { DeliveryStatus } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { absoluteLink, emailMessage } from './channels/messages'
import { insertNotifications, type NewNotificationRow } from './notification.repository'
import { queueDeliveries } from './notify.service'
import { loadSettings } from './settings.service'
import type { Lang } from './texts'

/** The workspace's app URL (Settings → Channels) made into an absolute link for `path`, or null without one. */
export async function absoluteAppLink(tx: Executor, ws: string, path: string): Promise<string | null> {
  const link = absoluteLink(path, (await loadSettings(tx, ws)).appUrl)
  return link && !link.startsWith('/') ? link : null
}

/**
 * Records (and queues) one e-mail to an address that is not a user, e.g. a customer's contact, in the
 * caller's transaction; logged and retried like every delivery (the log shows it without its link). Skipped, with the reason, when the
 * workspace has no SMTP server or, for `needsAbsoluteLink`, no app URL to make the link work outside.
 */
export async function emailAddress(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  req: {
    to: string
    subject: string
    body: string
    link: string | null
    lang: Lang
    relatedType?: string | null
    relatedId?: string | null
    needsAbsoluteLink?: boolean
  },
): Promise<{ id: string; status: DeliveryStatus; error: string | null }> {
  const settings = await loadSettings(tx, ws)
  const link = absoluteLink(req.link, settings.appUrl)
  const error = !settings.smtp
    ? 'E-mail is not set up for this workspace — add the SMTP server in Settings → Channels'
    : req.needsAbsoluteLink && link?.startsWith('/')
      ? 'The link would not open outside OpenKAM — set the app URL in Settings → Channels'
      : null
  const row: NewNotificationRow = {
    id: newId(),
    workspaceId: ws,
    userId: null,
    channel: 'email',
    subject: req.subject,
    body: req.body,
    // The link may carry a secret (a confirmation token): it goes only into the e-mail, never on the API.
    link: null,
    relatedType: req.relatedType ?? null,
    relatedId: req.relatedId ?? null,
    status: error ? 'skipped' : 'pending',
    error,
    payload: error ? null : emailMessage({ subject: req.subject, body: req.body, link }, req.lang, req.to),
    createdAt: new Date(),
  }
  await insertNotifications(tx, [row])
  await queueDeliveries(tx, ws, jobs, [row])
  return { id: row.id!, status: row.status as DeliveryStatus, error }
}
