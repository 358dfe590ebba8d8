import { taskSources, taskStatuses, ticketPriorities } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { tasks } from './task.table'

const mapper = rowMapper(tasks, { readOnly: ['completedAt', 'remindedAt'] })

export const taskCollection = new Collection<any, any, any>({
  name: 'tasks',
  entity: 'task',
  label: 'Task',
  table: tasks,
  parent: accountParent(tasks.accountId, true),
  ownerColumns: [tasks.ownerId, tasks.assigneeId],
  // A task for a role (e.g. legal) belongs to everyone who holds it.
  roleColumn: tasks.assigneeRole,
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => {
    const out: Record<string, unknown> = {}
    // A new task with no assignee goes to the person who creates it (as owner, set by the collection).
    if (patch.status === 'done' && before?.status !== 'done') out.completedAt = new Date()
    if (patch.status && patch.status !== 'done' && before?.status === 'done') out.completedAt = null
    // A new reminder time re-arms the reminder.
    if ('remindAt' in patch && before && +(patch.remindAt ?? 0) !== +(before.remindAt ?? 0))
      out.remindedAt = null
    return out
  },
  validate: allOf(userRefs('ownerId', 'assigneeId'), async (_tx, _ctx, c) =>
    c.assigneeId && c.assigneeRole
      ? [{ path: 'assigneeRole', message: 'give an assignee or a role, not both' }]
      : [],
  ),
  sortable: {
    dueAt: { column: tasks.dueAt, kind: 'date' },
    updatedAt: { column: tasks.updatedAt, kind: 'date' },
    createdAt: { column: tasks.createdAt, kind: 'date' },
    priority: { column: tasks.priority, kind: 'string' },
  },
  filterable: {
    assigneeId: { column: tasks.assigneeId, kind: 'uuid' },
    assigneeRole: { column: tasks.assigneeRole, kind: 'string' },
    ownerId: { column: tasks.ownerId, kind: 'uuid' },
    accountId: { column: tasks.accountId, kind: 'uuid' },
    relatedType: { column: tasks.relatedType, kind: 'string' },
    relatedId: { column: tasks.relatedId, kind: 'uuid' },
    status: { column: tasks.status, kind: 'enum', values: taskStatuses },
    source: { column: tasks.source, kind: 'enum', values: taskSources },
    priority: { column: tasks.priority, kind: 'enum', values: ticketPriorities },
    dueAt: { column: tasks.dueAt, kind: 'date' },
  },
  search: [tasks.title, tasks.description],
  defaultSort: 'dueAt',
})
