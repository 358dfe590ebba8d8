import { industries, leadSources, leadStatuses } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
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
  sortable: {
    updatedAt: { column: leads.updatedAt, kind: 'date' },
    createdAt: { column: leads.createdAt, kind: 'date' },
    name: { column: leads.name, kind: 'string' },
    company: { column: leads.company, kind: 'string' },
    score: { column: leads.score, kind: 'number' },
  },
  filterable: {
    status: { column: leads.status, kind: 'enum', values: leadStatuses },
    source: { column: leads.source, kind: 'enum', values: leadSources },
    industry: { column: leads.industry, kind: 'enum', values: industries },
    ownerId: { column: leads.ownerId, kind: 'uuid' },
    score: { column: leads.score, kind: 'number' },
    region: { column: leads.region, kind: 'string' },
    email: { column: leads.email, kind: 'string' },
    domain: { column: leads.domain, kind: 'string' },
    creditCode: { column: leads.creditCode, kind: 'string' },
    routedAt: { column: leads.routedAt, kind: 'date' },
    createdAt: { column: leads.createdAt, kind: 'date' },
  },
  search: [leads.name, leads.company, leads.email, leads.domain],
  defaultSort: '-updatedAt',
})
