import './account.events'
export { accountCollection } from './account.collection'
export { accountParent } from './account.parent'
export { accounts } from './account.table'
export { accountIdsPage, workspacesWithAccounts } from './account.pages'
export { accountMerges } from './account-merge.table'
export {
  AccountIndex,
  accountNameKey,
  hostOf,
  sameAccount,
  type AccountKey,
  type AccountMatch,
  type Origin,
} from './account-match'
export { findAccountDuplicates } from './account-duplicates.service'
