import './account.events'
export { registerAccountRoutes } from './account.routes'
export { accountCollection } from './account.collection'
export { accounts } from './account.table'
