import type { z } from 'zod'
import type { NotificationListQuery } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import { decodeCursor, encodeCursor } from '../../core/crud/cursor'
import type { Executor } from '../../core/db/types'
import { notFound } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { personOf } from './inbox.service'
import { listNotifications, markAllRead, markRead, unreadCount } from './notification.repository'
import { notificationRecord } from './notification.record'
import { requireAdmin } from './settings.service'

const SORT = '-createdAt'

/** My in-app notifications (or, with a channel, my deliveries on it); administrators may ask for all=true. */
export async function listMine(tx: Executor, ctx: Ctx, q: z.infer<typeof NotificationListQuery>) {
  const all = q.all === 'true'
  if (all) requireAdmin(ctx, 'see every delivery of the workspace')
  const c = q.cursor ? decodeCursor(q.cursor, SORT) : null
  const rows = await listNotifications(
    tx,
    ctx.ws,
    {
      userId: all ? undefined : personOf(ctx),
      channel: q.channel ?? (all ? undefined : 'in_app'),
      status: q.status,
      ruleRunId: q.ruleRunId,
      unread: q.unread === undefined ? undefined : q.unread === 'true',
    },
    q.limit + 1,
    c ? { createdAt: new Date(String(c.v)), id: c.id } : null,
  )
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    data: page.map(notificationRecord),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ s: SORT, v: last.createdAt.toISOString(), id: last.id })
        : null,
  }
}

export const myUnreadCount = async (tx: Executor, ctx: Ctx) => ({
  unread: await unreadCount(tx, ctx.ws, personOf(ctx)),
})

export async function readOne(tx: Executor, ctx: Ctx, id: string) {
  const row = isUuid(id) ? await markRead(tx, ctx.ws, personOf(ctx), id) : null
  if (!row) throw notFound('Notification')
  return notificationRecord(row)
}

export const readAll = async (tx: Executor, ctx: Ctx) => ({
  updated: await markAllRead(tx, ctx.ws, personOf(ctx)),
})
