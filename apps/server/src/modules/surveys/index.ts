import './survey.events'

export { surveyCollection, surveyResponseCollection } from './survey.collection'
export { surveys, surveyInvitations, surveyResponses } from './survey.table'
export { registerSurveyRoutes } from './survey.routes'
export { surveyRuleTemplates } from './survey-rules'
export {
  sendSurvey,
  answerSurvey,
  recordAccountNps,
  accountNpsSummary,
  surveyTokenHash,
  type SurveyDeps,
} from './survey.service'
export { npsReport } from './nps-report.service'
export { categoryOf, npsOf, tally } from './survey-score'
