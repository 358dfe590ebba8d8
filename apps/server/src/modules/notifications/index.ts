import type { EventHandler } from '../../core/events/registry'
import type { JobDef, JobQueue } from '../../core/jobs/jobs'
import { deliverJob, sweepJob } from './delivery.job'
import { digestJob } from './digest.job'
import { remindJob } from './task-reminders.job'
import { webhookForwardHandler } from './webhook-forward.handler'

export {
  notify,
  callWebhook,
  deliveriesForRuns,
  workspaceLocale,
  enabledRobots,
  type NotifyRequest,
  type NotifyOutcome,
} from './notify.service'
export { registerNotificationRoutes } from './notification.routes'
export { absoluteAppLink, emailAddress } from './address.service'
export { textAddress, deliveriesByIds } from './address-delivery.service'
export { saveSmsSettings } from './settings.repository'
export type { SmsConfig } from './channels/sms/sms.sender'
export { mobileNumber, type MobileNumber } from './channels/sms/sms.sender'
export { t as notificationText } from './texts'
export { webhookCollection } from './webhook.collection'
export { notificationSecretStores } from './secrets.store'
export { afterFailure, retryDelaySeconds } from './retry'
export { langOf, type Lang } from './texts'
export {
  objectOfEntity,
  setEntityObjects,
  type Personalize,
  type RecordRedactor,
} from './field-access.service'
export * as notificationTables from './notification.table'

/** The event handlers of the notifications module (webhook forwarding). */
export const notificationHandlers = (deps: { jobs: JobQueue }): EventHandler[] => [
  webhookForwardHandler(deps),
]

/** The jobs of the notifications module: sending a delivery and the sweep (internal), the daily digest (hourly, manual). */
export const notificationJobs = (): JobDef[] => [deliverJob, sweepJob, digestJob, remindJob]
