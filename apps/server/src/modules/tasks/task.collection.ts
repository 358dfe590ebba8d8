import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
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
  ...fieldSpecs(builtinObjects.tasks!, tasks, {
    // A task's link to any kind of record (relatedType names the kind): the object model has no field
    // type for such a polymorphic reference.
    filterable: {
      relatedType: { column: tasks.relatedType, kind: 'string' },
      relatedId: { column: tasks.relatedId, kind: 'uuid' },
    },
  }),
  search: [tasks.title, tasks.description],
  defaultSort: 'dueAt',
})
