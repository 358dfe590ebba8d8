export { LeadPanel } from './LeadPanel'
export { LeadScoreTag } from './LeadScore'
export { LeadScoringTab } from './LeadScoringTab'
