import { kpiDirections } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { valueKpis } from './value-kpi.table'

const mapper = rowMapper(valueKpis)

/** The customer's before/after KPIs of an account, read and written with the account (audited, evented). */
export const valueKpiCollection = new Collection<any, any, any>({
  name: 'value-kpis',
  entity: 'value_kpi',
  label: 'Value KPI',
  table: valueKpis,
  parent: accountParent(valueKpis.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  validate: allOf(userRefs('ownerId')),
  sortable: {
    name: { column: valueKpis.name, kind: 'string' },
    createdAt: { column: valueKpis.createdAt, kind: 'date' },
    updatedAt: { column: valueKpis.updatedAt, kind: 'date' },
  },
  filterable: {
    accountId: { column: valueKpis.accountId, kind: 'uuid' },
    betterWhen: { column: valueKpis.betterWhen, kind: 'enum', values: kpiDirections },
  },
  search: [valueKpis.name, valueKpis.note],
  defaultSort: 'createdAt',
})
