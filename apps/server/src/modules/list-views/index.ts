export { registerListViewRoutes } from './list-view.routes'
export { listViewCollection } from './list-view.collection'
export * as listViewTables from './list-view.table'
