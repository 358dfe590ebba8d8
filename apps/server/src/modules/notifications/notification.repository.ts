import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { workspaces } from '../workspaces'
import { notificationDigests, notifications, webhooks } from './notification.table'

export type NotificationRow = typeof notifications.$inferSelect
export type NewNotificationRow = typeof notifications.$inferInsert
export type WebhookRow = typeof webhooks.$inferSelect

export const insertNotifications = async (tx: Executor, rows: NewNotificationRow[]) => {
  if (rows.length) await tx.insert(notifications).values(rows)
}

export const findNotification = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.workspaceId, ws), eq(notifications.id, id)))
  )[0] ?? null

/**
 * Claims a row for sending: only a pending or retrying row that is due and that no other sender holds.
 * Returns the row, or null when it is done already, not due yet, or someone else is sending it.
 */
export const claimForSending = async (tx: Executor, ws: string, id: string, lockSeconds: number) =>
  (
    await tx
      .update(notifications)
      .set({ lockedUntil: new Date(Date.now() + lockSeconds * 1000) })
      .where(
        and(
          eq(notifications.workspaceId, ws),
          eq(notifications.id, id),
          inArray(notifications.status, ['pending', 'retrying']),
          or(isNull(notifications.lockedUntil), lt(notifications.lockedUntil, new Date())),
          // A retry runs at its time (a little clock slack allowed), not when a stray job turns up early.
          or(
            isNull(notifications.nextAttemptAt),
            lte(notifications.nextAttemptAt, new Date(Date.now() + 2000)),
          ),
        ),
      )
      .returning()
  )[0] ?? null

export const finishDelivery = (tx: Executor, ws: string, id: string, patch: Partial<NewNotificationRow>) =>
  tx
    .update(notifications)
    .set({ ...patch, lockedUntil: null })
    .where(and(eq(notifications.workspaceId, ws), eq(notifications.id, id)))

/** Pending or retrying rows, not held by a sender, whose time came before `dueBefore`. */
export const stuckDeliveries = (tx: Executor, dueBefore: Date) =>
  tx
    .select({ workspaceId: notifications.workspaceId, id: notifications.id })
    .from(notifications)
    .where(
      and(
        inArray(notifications.status, ['pending', 'retrying']),
        or(isNull(notifications.lockedUntil), lt(notifications.lockedUntil, new Date())),
        lt(sql`coalesce(${notifications.nextAttemptAt}, ${notifications.createdAt})`, dueBefore),
      ),
    )
    .limit(500)

export type ListFilter = {
  userId?: string
  channel?: string
  status?: string
  ruleRunId?: string
  unread?: boolean
}

/** A page of deliveries, newest first; the cursor is the last row's (createdAt, id). */
export async function listNotifications(
  tx: Executor,
  ws: string,
  f: ListFilter,
  limit: number,
  after: { createdAt: Date; id: string } | null,
) {
  const n = notifications
  const where: (SQL | undefined)[] = [
    eq(n.workspaceId, ws),
    f.userId ? eq(n.userId, f.userId) : undefined,
    f.channel ? eq(n.channel, f.channel) : undefined,
    f.status ? eq(n.status, f.status) : undefined,
    f.ruleRunId ? eq(n.ruleRunId, f.ruleRunId) : undefined,
    f.unread === true ? isNull(n.readAt) : f.unread === false ? sql`${n.readAt} is not null` : undefined,
    after
      ? or(lt(n.createdAt, after.createdAt), and(eq(n.createdAt, after.createdAt), lt(n.id, after.id)))
      : undefined,
  ]
  return tx
    .select()
    .from(n)
    .where(and(...where))
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(limit)
}

export const unreadCount = async (tx: Executor, ws: string, userId: string) =>
  Number(
    (
      await tx
        .select({ n: count() })
        .from(notifications)
        .where(
          and(
            eq(notifications.workspaceId, ws),
            eq(notifications.userId, userId),
            eq(notifications.channel, 'in_app'),
            isNull(notifications.readAt),
          ),
        )
    )[0]?.n ?? 0,
  )

/** Marks one of the person's in-app notifications read (keeping the first read time). */
export const markRead = async (tx: Executor, ws: string, userId: string, id: string) =>
  (
    await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(
        and(
          eq(notifications.workspaceId, ws),
          eq(notifications.id, id),
          eq(notifications.userId, userId),
          eq(notifications.channel, 'in_app'),
        ),
      )
      .returning()
  )[0] ?? null

export const markAllRead = async (tx: Executor, ws: string, userId: string) =>
  (
    await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.workspaceId, ws),
          eq(notifications.userId, userId),
          eq(notifications.channel, 'in_app'),
          isNull(notifications.readAt),
        ),
      )
      .returning({ id: notifications.id })
  ).length

/** Delivery rows by id (e.g. the ones a ticket's acknowledgement made). */
export const notificationsByIds = (tx: Executor, ws: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as NotificationRow[])
    : tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.workspaceId, ws), inArray(notifications.id, ids)))

export const notificationsOfRuns = (tx: Executor, ws: string, runIds: string[]) =>
  runIds.length === 0
    ? Promise.resolve([])
    : tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.workspaceId, ws), inArray(notifications.ruleRunId, runIds)))
        .orderBy(asc(notifications.createdAt), asc(notifications.id))

/** A person's in-app notifications, newest first, optionally only unread ones since a time. */
export const inAppOf = (
  tx: Executor,
  ws: string,
  userId: string,
  opts: { limit: number; unreadSince?: Date },
) =>
  tx
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, ws),
        eq(notifications.userId, userId),
        eq(notifications.channel, 'in_app'),
        opts.unreadSince ? isNull(notifications.readAt) : undefined,
        opts.unreadSince ? gte(notifications.createdAt, opts.unreadSince) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit)

// ── endpoints ────────────────────────────────────────────────────────────────

export const findWebhook = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.workspaceId, ws), eq(webhooks.id, id)))
  )[0] ?? null

/** The workspace's first enabled endpoint of a kind (by name), the default robot of a channel. */
export const firstEnabledOfKind = async (tx: Executor, ws: string, kind: string) =>
  (
    await tx
      .select()
      .from(webhooks)
      .where(
        and(
          eq(webhooks.workspaceId, ws),
          eq(webhooks.kind, kind),
          eq(webhooks.enabled, true),
          isNull(webhooks.deletedAt),
        ),
      )
      .orderBy(asc(webhooks.name), asc(webhooks.id))
      .limit(1)
  )[0] ?? null

/** Enabled plain webhooks that subscribe to at least one event type. */
export const eventSubscribers = (tx: Executor, ws: string) =>
  tx
    .select()
    .from(webhooks)
    .where(
      and(
        eq(webhooks.workspaceId, ws),
        eq(webhooks.kind, 'webhook'),
        eq(webhooks.enabled, true),
        isNull(webhooks.deletedAt),
        sql`jsonb_array_length(${webhooks.events}) > 0`,
      ),
    )

// ── digests ──────────────────────────────────────────────────────────────────

/** Takes the person's digest slot of a day; false when a digest went out (or is going out) already. */
export const claimDigestDay = async (
  tx: Executor,
  ws: string,
  userId: string,
  day: string,
  notificationId: string,
) =>
  (
    await tx
      .insert(notificationDigests)
      .values({ workspaceId: ws, userId, day, notificationId })
      .onConflictDoNothing()
      .returning({ day: notificationDigests.day })
  ).length > 0

export const hasDigest = async (tx: Executor, ws: string, userId: string, day: string) =>
  (
    await tx
      .select({ day: notificationDigests.day })
      .from(notificationDigests)
      .where(
        and(
          eq(notificationDigests.workspaceId, ws),
          eq(notificationDigests.userId, userId),
          eq(notificationDigests.day, day),
        ),
      )
  ).length > 0

export const workspaceIds = async (tx: Executor) =>
  (await tx.select({ id: workspaces.id }).from(workspaces)).map((w) => w.id)
