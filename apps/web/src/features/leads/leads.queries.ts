import { useQuery } from '@tanstack/react-query'
import type { LeadScoreBreakdown, LeadScoringSettings, LeadForm } from '@openkam/contract'
import { get } from '../../shared/api/client'

export const leadKeys = {
  scoring: () => ['lead-scoring'] as const,
  forms: () => ['lead-forms'] as const,
  events: (id: string) => ['leads', 'events', id] as const,
  candidates: (id: string) => ['leads', 'candidates', id] as const,
}

export type Candidate = {
  id: string
  name: string
  domain: string | null
  creditCode: string | null
  on: 'creditCode' | 'domain' | 'name'
}
export type LeadEventRow = { id: string; kind: string; at: string; title: string | null; source: string }

export const useLeadScoring = () =>
  useQuery({ queryKey: leadKeys.scoring(), queryFn: () => get<LeadScoringSettings>('/lead-scoring') })

export const useLeadForms = (enabled: boolean) =>
  useQuery({
    queryKey: leadKeys.forms(),
    queryFn: () => get<{ data: LeadForm[] }>('/lead-forms'),
    enabled,
  })

export const useLeadEvents = (id: string) =>
  useQuery({
    queryKey: leadKeys.events(id),
    queryFn: () => get<{ data: LeadEventRow[] }>(`/leads/${id}/events`),
  })

export const useConvertCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: leadKeys.candidates(id),
    queryFn: () => get<{ data: Candidate[] }>(`/leads/${id}/convert-candidates`),
    enabled,
  })

export type { LeadScoreBreakdown, LeadScoringSettings, LeadForm }
