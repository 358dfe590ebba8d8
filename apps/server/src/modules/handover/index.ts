export { registerHandoverRoutes } from './handover.routes'
export { handover } from './handover.service'
