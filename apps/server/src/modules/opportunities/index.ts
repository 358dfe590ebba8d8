export { opportunityCollection } from './opportunity.collection'
export { opportunities } from './opportunity.table'
