import { milestoneStatuses } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { opportunities } from '../opportunities'
import { userRefs } from '../users'
import { milestones } from './milestone.table'

// Status and confirmation columns are written by the confirmation service only: the wire Update schema
// leaves them out.
const mapper = rowMapper(milestones)

export const milestoneCollection = new Collection<any, any, any>({
  name: 'milestones',
  entity: 'milestone',
  label: 'Milestone',
  table: milestones,
  parent: accountParent(milestones.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (_patch, before) => (before ? {} : { status: 'pending' }),
  validate: allOf(userRefs('ownerId'), refCheck(opportunities, 'opportunity', 'opportunityId')),
  sortable: {
    dueDate: { column: milestones.dueDate, kind: 'string' },
    updatedAt: { column: milestones.updatedAt, kind: 'date' },
    createdAt: { column: milestones.createdAt, kind: 'date' },
    title: { column: milestones.title, kind: 'string' },
  },
  filterable: {
    accountId: { column: milestones.accountId, kind: 'uuid' },
    opportunityId: { column: milestones.opportunityId, kind: 'uuid' },
    ownerId: { column: milestones.ownerId, kind: 'uuid' },
    status: { column: milestones.status, kind: 'enum', values: milestoneStatuses },
    dueDate: { column: milestones.dueDate, kind: 'string' },
  },
  search: [milestones.title, milestones.description],
  defaultSort: 'dueDate',
})
