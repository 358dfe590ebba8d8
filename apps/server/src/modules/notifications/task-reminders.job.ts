// Task reminders: a task's reminder is an in-app notification, sent by this module (which reads tasks; the
// tasks module knows nothing of notifications).
import { and, asc, eq, isNull, lte } from 'drizzle-orm'
import type { JobContext, JobDef } from '../../core/jobs/jobs'
import { tasks } from '../tasks'
import { peopleByIds, peopleWithRole, type Person } from '../users'
import { notify, workspaceLocale } from './notify.service'
import { langOf, type Lang } from './texts'

const reminderText: Record<Lang, (title: string) => string> = {
  en: (title) => `Reminder: ${title}`,
  'zh-CN': (title) => `提醒：${title}`,
}

/** Due reminders, oldest first, a bounded batch per run. */
const dueReminders = (ctx: Pick<JobContext, 'db'>, now: Date, ws?: string) =>
  ctx.db
    .select({ id: tasks.id, workspaceId: tasks.workspaceId })
    .from(tasks)
    .where(
      and(
        ws ? eq(tasks.workspaceId, ws) : undefined,
        eq(tasks.status, 'open'),
        isNull(tasks.deletedAt),
        isNull(tasks.remindedAt),
        lte(tasks.remindAt, now),
      ),
    )
    .orderBy(asc(tasks.remindAt))
    .limit(500)

/**
 * Sends each due task reminder once: in one transaction the task is marked reminded (only if it was
 * not yet) and an in-app notification goes to its assignee, the people holding its role, or its owner.
 */
export async function remindDueTasks(
  ctx: Pick<JobContext, 'db' | 'jobs'>,
  data: { ws?: string },
  now = new Date(),
) {
  let reminded = 0
  for (const due of await dueReminders(ctx, now, data.ws)) {
    await ctx.db.transaction(async (tx) => {
      const [task] = await tx
        .update(tasks)
        .set({ remindedAt: now })
        .where(
          and(
            eq(tasks.workspaceId, due.workspaceId),
            eq(tasks.id, due.id),
            isNull(tasks.remindedAt),
            eq(tasks.status, 'open'),
            isNull(tasks.deletedAt),
          ),
        )
        .returning()
      if (!task) return
      const ws = task.workspaceId
      const people: Person[] = task.assigneeId
        ? await peopleByIds(tx, ws, [task.assigneeId])
        : task.assigneeRole
          ? await peopleWithRole(tx, ws, task.assigneeRole)
          : task.ownerId
            ? await peopleByIds(tx, ws, [task.ownerId])
            : []
      const wsLocale = await workspaceLocale(tx, ws)
      const byLang = new Map<Lang, string[]>()
      for (const p of people) {
        const lang = langOf(p.locale, wsLocale)
        byLang.set(lang, [...(byLang.get(lang) ?? []), p.id])
      }
      for (const [lang, userIds] of byLang) {
        await notify(tx, ws, ctx.jobs, {
          userIds,
          role: task.assigneeRole,
          channels: ['in_app'],
          subject: reminderText[lang](task.title),
          body: task.description ?? '',
          link: `/tasks/${task.id}`,
          relatedType: 'task',
          relatedId: task.id,
        })
      }
      reminded++
    })
  }
  return { reminded }
}

export const remindJob: JobDef<{ ws?: string }> = {
  name: 'tasks_remind',
  cron: '* * * * *',
  manual: true,
  handle: (data, ctx) => remindDueTasks(ctx, data ?? {}),
}
