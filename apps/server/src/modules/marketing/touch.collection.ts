import { touchKinds } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { leads } from '../leads'
import { userRefs } from '../users'
import { marketingTouches } from './touch.table'

const mapper = rowMapper(marketingTouches)

export const touchCollection = new Collection<any, any, any>({
  name: 'marketing-touches',
  entity: 'marketing_touch',
  label: 'Marketing touch',
  table: marketingTouches,
  parent: accountParent(marketingTouches.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => (!before && !patch.occurredAt ? { occurredAt: new Date() } : {}),
  validate: allOf(
    userRefs('ownerId'),
    refCheck(contacts, 'contact', 'contactId'),
    refCheck(leads, 'lead', 'leadId'),
  ),
  sortable: {
    occurredAt: { column: marketingTouches.occurredAt, kind: 'date' },
    updatedAt: { column: marketingTouches.updatedAt, kind: 'date' },
  },
  filterable: {
    accountId: { column: marketingTouches.accountId, kind: 'uuid' },
    contactId: { column: marketingTouches.contactId, kind: 'uuid' },
    leadId: { column: marketingTouches.leadId, kind: 'uuid' },
    kind: { column: marketingTouches.kind, kind: 'enum', values: touchKinds },
    campaign: { column: marketingTouches.campaign, kind: 'string' },
    externalId: { column: marketingTouches.externalId, kind: 'string' },
    occurredAt: { column: marketingTouches.occurredAt, kind: 'date' },
  },
  search: [marketingTouches.title, marketingTouches.campaign],
  defaultSort: '-occurredAt',
})
