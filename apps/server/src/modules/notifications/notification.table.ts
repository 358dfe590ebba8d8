import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/**
 * Every delivery: one row per recipient per channel (in-app, e-mail, robots), or per webhook call.
 * In-app rows are the inbox; the others are the delivery log with status, error and attempts.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id'),
    role: text('role'),
    channel: text('channel').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    /** pending | sent | failed | retrying | skipped */
    status: text('status').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    sentAt: tstz('sent_at'),
    readAt: tstz('read_at'),
    ruleRunId: uuid('rule_run_id'),
    /** The robot or webhook endpoint used (webhooks.id). */
    webhookId: uuid('webhook_id'),
    /** An ad-hoc target URL (a rule's call_webhook with a URL instead of an endpoint). */
    url: text('url'),
    /** The X-OpenKAM-Event of a webhook delivery, e.g. account.created. */
    eventType: text('event_type'),
    /** What goes over the wire: the e-mail or the robot/webhook JSON body (signatures are added when sent). */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    /** The receiver's answer: HTTP status and a short snippet, or the SMTP reply. */
    response: text('response'),
    /** Claimed by a sender until then, so that two workers never send the same row at once. */
    lockedUntil: tstz('locked_until'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.channel, t.createdAt, t.id),
    index('notifications_unread_idx')
      .on(t.workspaceId, t.userId)
      .where(sql`channel = 'in_app' and read_at is null`),
    index('notifications_run_idx')
      .on(t.workspaceId, t.ruleRunId)
      .where(sql`rule_run_id is not null`),
    index('notifications_created_idx').on(t.workspaceId, t.createdAt, t.id),
    // The sweep looks for deliveries whose job got lost; only unfinished rows are indexed.
    index('notifications_due_idx')
      .on(t.createdAt)
      .where(sql`status in ('pending', 'retrying')`),
  ],
)

/** A person's channel choices and digest opt-in; no row means the defaults (all on, no digest). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    prefs: jsonb('prefs').$type<Record<string, unknown>>().notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
)

/** One daily digest per person per day (workspace time): the key makes a second run a no-op. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    notificationId: uuid('notification_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.day] })],
)

/** Per-workspace notification settings: SMTP and SMS (secrets kept here, never returned) and the digest hour. */
export const notificationSettings = pgTable('notification_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  smtp: jsonb('smtp').$type<Record<string, unknown> | null>(),
  /** SMS provider (Aliyun or Tencent Cloud), with its secret key (never returned). */
  sms: jsonb('sms').$type<Record<string, unknown> | null>(),
  digestHour: integer('digest_hour').notNull().default(8),
  /** Where people open OpenKAM, to make links in e-mails and robot messages absolute. */
  appUrl: text('app_url'),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** Outgoing endpoints: plain webhooks (signed, with event subscriptions) and WeCom/DingTalk/Feishu robots. */
export const webhooks = pgTable(
  'webhooks',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    url: text('url').notNull(),
    /** HMAC or robot signing secret; write-only on the API. */
    secret: text('secret'),
    events: jsonb('events').$type<string[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    /**
     * Whose field-level security applies to what the endpoint receives (a role key); null: only the
     * fields no role has hidden (SPEC R-23).
     */
    fieldAccessRole: text('field_access_role'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('webhooks_kind_idx').on(t.workspaceId, t.kind, t.enabled),
    index('webhooks_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)
