import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { rowMapper } from '../../core/crud/mapping'
import { userRefs } from '../users'
import { leads } from './lead.table'

const mapper = rowMapper(leads, {
  readOnly: [
    'convertedAccountId',
    'convertedAt',
    'convertedContactId',
    'convertedOpportunityId',
    'scoreBreakdown',
    'scoredAt',
    'routedAt',
  ],
  hidden: ['formId'],
})

export const leadCollection = new Collection<any, any, any>({
  name: 'leads',
  entity: 'lead',
  label: 'Lead',
  table: leads,
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  validate: userRefs('ownerId'),
  ...fieldSpecs(builtinObjects.leads!, leads),
  search: [leads.name, leads.company, leads.email, leads.phone, leads.domain, leads.creditCode],
  defaultSort: '-updatedAt',
})
