import type { Survey, SurveyCategory, SurveyKind, SurveyResponse } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'survey.created': { record: Survey }
    'survey.updated': { record: Survey; changed: string[]; before: Partial<Survey> }
    'survey.deleted': { record: Survey }
    'survey.restored': { record: Survey }
    /** Invitations were created (and e-mailed) for a survey. */
    'survey.sent': { surveyId: string; invited: number; expiresAt: string }
    /** A contact answered through their link. */
    'survey.answered': {
      surveyId: string
      responseId: string
      accountId: string
      contactId: string
      kind: SurveyKind
      score: number
      category: SurveyCategory
    }
    'survey_response.created': { record: SurveyResponse }
    'survey_response.updated': { record: SurveyResponse; changed: string[]; before: Partial<SurveyResponse> }
    'survey_response.deleted': { record: SurveyResponse }
    'survey_response.restored': { record: SurveyResponse }
  }
}

export {}
