export { registerAccountMergeRoutes } from './account-merge.routes'
export { mergeAccounts } from './account-merge.service'
