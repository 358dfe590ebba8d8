import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { ParentSpec } from '../../core/crud/collection'
import { accounts } from './account.table'

/** Records that belong to an account are reached through it: its owner and CSM (and their teams) see them. */
export const accountParent = (column: AnyPgColumn, optional = false): ParentSpec => ({
  column,
  field: 'accountId',
  collection: 'accounts',
  label: 'Account',
  table: accounts,
  ownerColumns: [accounts.ownerId, accounts.csmId],
  optional,
})
