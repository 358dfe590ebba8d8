export { opportunityCollection } from './opportunity.collection'
export { opportunities, opportunityStageChanges } from './opportunity.table'
