export { registerReportRoutes } from './reports.routes'
export { resolvePeriod, type Period } from './period'
