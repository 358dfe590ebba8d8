import { and, asc, count, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { tasks } from '../tasks'

/** Whose tasks: assigned to the person, or to a role they hold. */
export type TaskScope = { userId: string; roles: string[] }

const mine = (ws: string, s: TaskScope): SQL[] => [
  eq(tasks.workspaceId, ws),
  eq(tasks.status, 'open'),
  isNull(tasks.deletedAt),
  s.roles.length
    ? or(eq(tasks.assigneeId, s.userId), inArray(tasks.assigneeRole, s.roles))!
    : eq(tasks.assigneeId, s.userId),
]

const dueWindow = (w: { dueFrom?: Date; dueBefore?: Date }) => [
  w.dueFrom ? gte(tasks.dueAt, w.dueFrom) : undefined,
  w.dueBefore ? lt(tasks.dueAt, w.dueBefore) : undefined,
]

/** Open tasks by due date (overdue ones come first, undated ones last). */
export const openTasksOf = (
  tx: Executor,
  ws: string,
  s: TaskScope,
  opts: { limit: number; dueFrom?: Date; dueBefore?: Date },
) =>
  tx
    .select()
    .from(tasks)
    .where(and(...mine(ws, s), ...dueWindow(opts)))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id))
    .limit(opts.limit)

export const countOpenTasks = async (tx: Executor, ws: string, s: TaskScope, w: { dueBefore?: Date } = {}) =>
  Number(
    (
      await tx
        .select({ n: count() })
        .from(tasks)
        .where(and(...mine(ws, s), ...dueWindow(w)))
    )[0]?.n ?? 0,
  )

/** Open tasks whose reminder is due within `ahead`, or went out within `back`. */
export const reminderTasksOf = (tx: Executor, ws: string, s: TaskScope, now: Date, hours = 24) => {
  const ahead = new Date(now.getTime() + hours * 3600_000)
  const back = new Date(now.getTime() - hours * 3600_000)
  return tx
    .select()
    .from(tasks)
    .where(
      and(
        ...mine(ws, s),
        or(
          and(isNull(tasks.remindedAt), gte(tasks.remindAt, back), lt(tasks.remindAt, ahead)),
          gte(tasks.remindedAt, back),
        ),
      ),
    )
    .orderBy(sql`coalesce(${tasks.remindedAt}, ${tasks.remindAt}) asc`, asc(tasks.id))
    .limit(50)
}
