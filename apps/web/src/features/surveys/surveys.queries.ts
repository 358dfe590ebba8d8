import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  NpsReport,
  PublicSurvey,
  Survey,
  SurveyInvitation,
  SurveyResponse,
  SurveySendResult,
} from '@openkam/contract'
import { del, get, patch, post, type Page } from '../../shared/api/client'

export type { NpsReport, PublicSurvey, Survey, SurveyInvitation, SurveyResponse, SurveySendResult }

export type SurveyInput = {
  name: string
  kind: 'nps' | 'csat'
  questionZh?: string | null
  questionEn?: string | null
  expiresInDays?: number
  audience?: string | null
}
export type SendInput = {
  accountIds?: string[]
  tiers?: string[]
  segments?: string[]
  dryRun?: boolean
}
export type NpsGroupBy = 'account' | 'segment' | 'tier' | 'month'

export const surveyKeys = {
  all: ['surveys'] as const,
  list: () => ['surveys', 'list'] as const,
  nps: (groupBy: NpsGroupBy, from: string, to: string, surveyId?: string) =>
    ['surveys', 'nps', groupBy, from, to, surveyId ?? ''] as const,
  responses: (q: Record<string, string | number | undefined>) => ['surveys', 'responses', q] as const,
  invitations: (id: string) => ['surveys', 'invitations', id] as const,
  public: (token: string) => ['public-survey', token] as const,
}

/** Every survey (newest first) with its invitation and answer counts. */
export function useSurveys() {
  return useQuery({
    queryKey: surveyKeys.list(),
    queryFn: () => get<Page<Survey>>('/surveys', { limit: 200, sort: '-createdAt' }),
  })
}

/** Creates or changes a survey; refreshes the lists. */
export function useSaveSurvey() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({
      id,
      version,
      ...body
    }: Partial<SurveyInput> & { id?: string; version?: number; status?: string }) =>
      id ? patch<Survey>(`/surveys/${id}`, { version, ...body }) : post<Survey>('/surveys', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }),
  })
}

export function useDeleteSurvey() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (s: Survey) => del<Survey>(`/surveys/${s.id}?version=${s.version}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }),
  })
}

export const restoreSurvey = (id: string) => post<Survey>(`/surveys/${id}/restore`)

/** How many contacts a send would invite (nothing is written). */
export function useSendPreview(id: string | null, input: SendInput, enabled: boolean) {
  return useQuery({
    queryKey: ['surveys', 'send-preview', id, input],
    queryFn: () => post<SurveySendResult>(`/surveys/${id}/send`, { ...input, dryRun: true }),
    enabled: enabled && !!id,
    placeholderData: keepPreviousData,
    retry: false,
  })
}

export function useSendSurvey(id: string | null) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: SendInput) => post<SurveySendResult>(`/surveys/${id}/send`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }),
  })
}

/** NPS grouped by account, segment, tier or month over a period (YYYY-MM-DD). */
export function useNps(groupBy: NpsGroupBy, from: string, to: string, surveyId?: string) {
  return useQuery({
    queryKey: surveyKeys.nps(groupBy, from, to, surveyId),
    queryFn: () => get<NpsReport>('/nps', { groupBy, from, to, surveyId }),
    placeholderData: keepPreviousData,
  })
}

/** Answers, lowest scores first by default (detractors on top). */
export function useResponses(q: { surveyId?: string; category?: string; limit?: number; cursor?: string }) {
  const query = { sort: 'score', limit: 50, ...q }
  return useQuery({
    queryKey: surveyKeys.responses(query),
    queryFn: () => get<Page<SurveyResponse>>('/survey-responses', query),
    placeholderData: keepPreviousData,
  })
}

export function useInvitations(id: string | null) {
  return useQuery({
    queryKey: surveyKeys.invitations(id ?? ''),
    queryFn: () => get<{ data: SurveyInvitation[] }>(`/surveys/${id}/invitations`),
    enabled: !!id,
  })
}

/** The public survey page's question (no login). Errors (404, 410) are the page's message. */
export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: surveyKeys.public(token),
    queryFn: () => get<PublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`),
    retry: false,
  })
}

export function useAnswerSurvey(token: string) {
  return useMutation({
    mutationFn: (body: { score: number; comment?: string }) =>
      post<{ score: number; category: string; answeredAt: string }>(
        `/public/surveys/${encodeURIComponent(token)}`,
        body,
      ),
  })
}
