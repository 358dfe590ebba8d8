import { industries } from '@openkam/contract'
import type { AccountCreate, AccountUpdate, Account } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord, userRefs } from '../users'
import { accounts } from './account.table'

export const accountCollection = new Collection<Account, AccountCreate, Omit<AccountUpdate, 'version'>>({
  name: 'accounts',
  entity: 'account',
  label: 'Account',
  table: accounts,
  toRecord: (r) => ({
    ...baseRecord(r),
    name: r.name,
    industry: r.industry ?? null,
    annualSpend:
      r.annualSpend === null || r.annualSpend === undefined
        ? null
        : { amount: r.annualSpend, currency: r.currency },
  }),
  toColumns: (i) => {
    const out: Record<string, unknown> = {}
    if (i.name !== undefined) out.name = i.name
    if (i.industry !== undefined) out.industry = i.industry
    if (i.annualSpend !== undefined) {
      out.annualSpend = i.annualSpend?.amount ?? null
      if (i.annualSpend) out.currency = i.annualSpend.currency
    }
    return out
  },
  validate: userRefs('ownerId'),
  sortable: {
    updatedAt: { column: accounts.updatedAt, kind: 'date' },
    createdAt: { column: accounts.createdAt, kind: 'date' },
    name: { column: accounts.name, kind: 'string' },
    industry: { column: accounts.industry, kind: 'string' },
    annualSpend: { column: accounts.annualSpend, kind: 'number' },
  },
  filterable: {
    industry: { column: accounts.industry, kind: 'enum', values: industries },
    ownerId: { column: accounts.ownerId, kind: 'uuid' },
    createdAt: { column: accounts.createdAt, kind: 'date' },
    updatedAt: { column: accounts.updatedAt, kind: 'date' },
    annualSpend: { column: accounts.annualSpend, kind: 'number' },
  },
  search: [accounts.name],
  defaultSort: '-updatedAt',
})
