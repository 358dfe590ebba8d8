export { leadCollection } from './lead.collection'
export { leads } from './lead.table'
export { registerLeadRoutes } from './lead.routes'
export { convertLead } from './lead-convert.service'
