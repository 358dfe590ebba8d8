import { expansionKinds, expansionStatuses } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { expansionSuggestions as t } from './expansion.table'

const mapper = rowMapper(t)

/**
 * Expansion suggestions through the shared machinery: visible through their account (its owner and CSM,
 * their teams), audited and evented (`expansion_suggestion.created`/`.updated`) in the writer's
 * transaction. Only the generator creates them and only accept/dismiss change them: no CRUD routes.
 */
export const expansionSuggestionCollection = new Collection<any, any, any>({
  name: 'expansion-suggestions',
  entity: 'expansion_suggestion',
  label: 'Expansion suggestion',
  table: t,
  parent: accountParent(t.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  sortable: {
    createdAt: { column: t.createdAt, kind: 'date' },
    updatedAt: { column: t.updatedAt, kind: 'date' },
  },
  filterable: {
    accountId: { column: t.accountId, kind: 'uuid' },
    status: { column: t.status, kind: 'enum', values: expansionStatuses },
    kind: { column: t.kind, kind: 'enum', values: expansionKinds },
  },
  search: [t.basis],
  defaultSort: '-createdAt',
})
