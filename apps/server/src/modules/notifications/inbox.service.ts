import type { z } from 'zod'
import type { Inbox } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { taskCollection } from '../tasks'
import { rolesOf } from '../users'
import { countOpenTasks, openTasksOf, reminderTasksOf } from './inbox.repository'
import { inAppOf, unreadCount } from './notification.repository'
import { notificationRecord } from './notification.record'

/** The signed-in person; notifications and the inbox belong to people, not to API tokens without one. */
export function personOf(ctx: Ctx): string {
  if (!ctx.principal.userId)
    throw new AppError('forbidden', 'forbidden', 'Notifications belong to a person; sign in as one')
  return ctx.principal.userId
}

/**
 * "My inbox": open tasks assigned to me or to a role I hold (overdue first, then by due date),
 * reminders of the last and next 24 hours, my latest in-app notifications and the counts.
 */
export async function inbox(tx: Executor, ctx: Ctx): Promise<z.infer<typeof Inbox>> {
  const userId = personOf(ctx)
  const now = new Date()
  const scope = { userId, roles: await rolesOf(tx, ctx.ws, userId) }
  const toRecord = (r: Record<string, unknown>) => taskCollection.def.toRecord(r) as Record<string, unknown>
  const [tasks, reminders, latest, unread, overdue] = [
    await openTasksOf(tx, ctx.ws, scope, { limit: 50 }),
    await reminderTasksOf(tx, ctx.ws, scope, now),
    await inAppOf(tx, ctx.ws, userId, { limit: 20 }),
    await unreadCount(tx, ctx.ws, userId),
    await countOpenTasks(tx, ctx.ws, scope, { dueBefore: now }),
  ]
  return {
    unread,
    overdue,
    tasks: tasks.map(toRecord),
    reminders: reminders.map(toRecord),
    notifications: latest.map(notificationRecord),
  }
}
