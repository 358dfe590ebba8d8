import {
  DeliveryTestResult,
  IdParams,
  Inbox,
  Notification,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  NotificationSettingsUpdate,
  NotificationSettingsView,
  pageOf,
  Problem,
  ReadAllResult,
  TestEmailRequest,
  TestSmsRequest,
  UnreadCount,
} from '@openkam/contract'
import type { Config } from '../../core/config'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { messageLanguage } from '../../core/http/language'
import { translateMessage } from '../../core/http/translate-message'
import type { JobQueue } from '../../core/jobs/jobs'
import { testEmail, testSms, testWebhook } from './channel-test.service'
import { inbox } from './inbox.service'
import { listMine, myUnreadCount, readAll, readOne } from './notification.service'
import { getMyPreferences, getSettings, updateMyPreferences, updateSettings } from './settings.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/**
 * Notifications, inbox, channel settings and preferences, and the webhook test. The webhooks collection
 * itself is served by the shared collection routes.
 */
export function registerNotificationRoutes(app: App, db: Db, deps: { jobs: JobQueue; config: Config }) {
  const tags = ['notifications']
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My in-app notifications, newest first (administrators: all=true for every delivery)',
        querystring: NotificationListQuery,
        response: { 200: pageOf(Notification), ...errors },
      },
    },
    async (req) => {
      // Delivery errors are kept in English; each reader gets them in their language.
      const page = await listMine(db, req.ctx, req.query)
      const lang = messageLanguage(req)
      return {
        ...page,
        data: page.data.map((n) => (n.error ? { ...n, error: translateMessage(n.error, lang) } : n)),
      }
    },
  )
  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my in-app notifications are unread',
        response: { 200: UnreadCount, ...errors },
      },
    },
    async (req) => myUnreadCount(db, req.ctx),
  )
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my in-app notifications read',
        response: { 200: ReadAllResult, ...errors },
      },
    },
    async (req) => db.transaction((tx) => readAll(tx, req.ctx)),
  )
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my in-app notifications read',
        params: IdParams,
        response: { 200: Notification, ...errors },
      },
    },
    async (req) => db.transaction((tx) => readOne(tx, req.ctx, req.params.id)),
  )
  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags,
        summary: 'My inbox: open tasks (mine and my roles), reminders, latest notifications, counts',
        response: { 200: Inbox, ...errors },
      },
    },
    async (req) => inbox(db, req.ctx),
  )
  app.get(
    '/api/v1/notification-settings',
    {
      schema: {
        tags,
        summary: 'The workspace e-mail (SMTP) and SMS settings, digest hour and app URL (administrators)',
        response: { 200: NotificationSettingsView, ...errors },
      },
    },
    async (req) => getSettings(db, req.ctx),
  )
  app.put(
    '/api/v1/notification-settings',
    {
      schema: {
        tags,
        summary:
          'Change the notification settings (administrators; send the version you read, a stale one answers 409)',
        body: NotificationSettingsUpdate,
        response: { 200: NotificationSettingsView, 409: Problem, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updateSettings(tx, req.ctx, req.body)),
  )
  app.post(
    '/api/v1/notification-settings/test-email',
    {
      schema: {
        tags,
        summary: 'Send a test e-mail through the saved SMTP settings (administrators)',
        body: TestEmailRequest,
        response: { 200: DeliveryTestResult, ...errors },
      },
    },
    async (req) => testEmail(db, req.ctx, req.body.to, deps.config.webhookTimeoutMs),
  )
  app.post(
    '/api/v1/notification-settings/test-sms',
    {
      schema: {
        tags,
        summary:
          'Send a test text through the saved SMS provider, with the acknowledgement template (administrators)',
        body: TestSmsRequest,
        response: { 200: DeliveryTestResult, ...errors },
      },
    },
    async (req) => testSms(db, req.ctx, req.body.to, deps.config.webhookTimeoutMs),
  )
  app.get(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'My notification channels and daily digest choice',
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (req) => getMyPreferences(db, req.ctx),
  )
  app.put(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Change my notification channels or daily digest (only the parts sent)',
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updateMyPreferences(tx, req.ctx, req.body)),
  )
  app.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a test message to a robot or webhook now and report whether it arrived',
        params: IdParams,
        response: { 200: DeliveryTestResult, ...errors },
      },
    },
    async (req) => testWebhook(db, req.ctx, req.params.id, deps.config.webhookTimeoutMs),
  )
}
