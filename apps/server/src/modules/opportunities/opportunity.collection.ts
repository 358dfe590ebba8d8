import { opportunityStages, opportunityStatuses, opportunityTypes } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import type { FieldError } from '../../core/errors'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { opportunities } from './opportunity.table'

const mapper = rowMapper(opportunities)

export const opportunityCollection = new Collection<any, any, any>({
  name: 'opportunities',
  entity: 'opportunity',
  label: 'Opportunity',
  table: opportunities,
  parent: accountParent(opportunities.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => {
    const out: Record<string, unknown> = {}
    if (patch.status === 'won' && before?.status !== 'won' && !patch.wonAt) out.wonAt = new Date()
    if (patch.status === 'lost' && before?.status !== 'lost' && !patch.lostAt) out.lostAt = new Date()
    if (patch.status === 'open' && before && before.status !== 'open')
      Object.assign(out, { wonAt: null, lostAt: null })
    return out
  },
  validate: allOf(userRefs('ownerId'), async (_tx, _ctx, c) => {
    const errors: FieldError[] = []
    if (c.status === 'lost' && !c.lossReason)
      errors.push({ path: 'lossReason', message: 'say why the deal was lost' })
    return errors
  }),
  sortable: {
    updatedAt: { column: opportunities.updatedAt, kind: 'date' },
    createdAt: { column: opportunities.createdAt, kind: 'date' },
    name: { column: opportunities.name, kind: 'string' },
    amount: { column: opportunities.amount, kind: 'number' },
    expectedCloseDate: { column: opportunities.expectedCloseDate, kind: 'string' },
    stage: { column: opportunities.stage, kind: 'string' },
  },
  filterable: {
    accountId: { column: opportunities.accountId, kind: 'uuid' },
    ownerId: { column: opportunities.ownerId, kind: 'uuid' },
    stage: { column: opportunities.stage, kind: 'enum', values: opportunityStages },
    status: { column: opportunities.status, kind: 'enum', values: opportunityStatuses },
    type: { column: opportunities.type, kind: 'enum', values: opportunityTypes },
    amount: { column: opportunities.amount, kind: 'number' },
    expectedCloseDate: { column: opportunities.expectedCloseDate, kind: 'string' },
    wonAt: { column: opportunities.wonAt, kind: 'date' },
    createdAt: { column: opportunities.createdAt, kind: 'date' },
  },
  search: [opportunities.name],
  defaultSort: '-updatedAt',
})
