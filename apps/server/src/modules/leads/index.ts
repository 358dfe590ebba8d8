export { leadCollection } from './lead.collection'
export { leads } from './lead.table'
