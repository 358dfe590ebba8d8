export { registerDecisionMapRoutes } from './decision-map.routes'
export { decisionMapPlaybooks } from './decision-map.table'
export { decisionMapGaps, gapCodes, type Gap, type GapCode } from './gaps'
