import './account.events'
export { accountCollection } from './account.collection'
export { accountParent } from './account.parent'
export { accounts } from './account.table'
