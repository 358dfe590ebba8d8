export { registerAuditRoutes } from './audit.routes'
export { listAudit } from './audit.repository'
