import './decision-map.events'
export { registerDecisionMapRoutes } from './decision-map.routes'
export { decisionMapPlaybooks, opportunityCommitteeMembers } from './decision-map.table'
export { decisionMapGaps, gapCodes, roleName, type Gap, type GapCode } from './gaps'
