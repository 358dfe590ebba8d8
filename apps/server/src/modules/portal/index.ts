export { registerPortalRoutes, PORTAL_COOKIE } from './portal.routes'
export { portalLinks, portalSessions } from './portal.table'
