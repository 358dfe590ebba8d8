import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
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
  ...fieldSpecs(builtinObjects['marketing-touches']!, marketingTouches, {
    // The lead a touch came in with: the object model has no field type for lead references.
    filterable: { leadId: { column: marketingTouches.leadId, kind: 'uuid' } },
  }),
  search: [marketingTouches.title, marketingTouches.campaign],
  defaultSort: '-occurredAt',
})
