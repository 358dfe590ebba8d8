import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type {
  ActionOutcome,
  Notification,
  Playbook as PlaybookSchema,
  Rule,
  RuleRun,
  RuleVersion as RuleVersionSchema,
  ConditionTrace as ConditionTraceSchema,
  Webhook as WebhookSchema,
} from '@openkam/contract'
import type { z } from 'zod'
import { get, type Page, type Query } from '../../shared/api/client'

export type { ActionOutcome, Notification, Rule, RuleRun }
export type RuleVersion = z.infer<typeof RuleVersionSchema>
export type ConditionTrace = z.infer<typeof ConditionTraceSchema>
export type Playbook = z.infer<typeof PlaybookSchema>
export type Webhook = z.infer<typeof WebhookSchema>
export type RunDetail = RuleRun & { deliveries: Notification[] }
export type DryRunResult = {
  matched: boolean
  conditions: ConditionTrace[]
  actions: ActionOutcome[]
  record: Record<string, unknown> | null
}
export type RunFilter = { ruleId?: string; entityId?: string; status?: string }

export const automationKeys = {
  rules: ['rules'] as const,
  ruleList: (q: Query) => ['rules', 'list', q] as const,
  rule: (id: string) => ['rules', 'one', id] as const,
  versions: (id: string) => ['rules', 'one', id, 'versions'] as const,
  runs: ['rule-runs'] as const,
  runList: (f: RunFilter) => ['rule-runs', 'list', f] as const,
  run: (id: string) => ['rule-runs', 'one', id] as const,
  playbooks: ['playbooks'] as const,
  webhooks: ['webhooks', 'pick'] as const,
}

/** Rules, a page at a time (search and enabled filter on the server). */
export function useRules(q: { q?: string; enabled?: string }) {
  const query = { q: q.q || undefined, enabled: q.enabled || undefined, sort: 'name', limit: 50 }
  return useInfiniteQuery({
    queryKey: automationKeys.ruleList(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => get<Page<Rule>>('/rules', { ...query, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  })
}

export function useRule(id: string | undefined) {
  return useQuery({
    queryKey: automationKeys.rule(id ?? ''),
    queryFn: () => get<Rule>(`/rules/${id}`),
    enabled: !!id,
  })
}

export function useRuleVersions(id: string) {
  return useQuery({
    queryKey: automationKeys.versions(id),
    queryFn: () => get<{ data: RuleVersion[] }>(`/rules/${id}/versions`),
  })
}

/** Runs newest first, filtered by rule, record or status; more load on demand. */
export function useRuleRuns(filter: RunFilter, limit = 20) {
  return useInfiniteQuery({
    queryKey: automationKeys.runList(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<Page<RuleRun>>('/rule-runs', {
        ...filter,
        status: filter.status || undefined,
        limit,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useRuleRun(id: string) {
  return useQuery({ queryKey: automationKeys.run(id), queryFn: () => get<RunDetail>(`/rule-runs/${id}`) })
}

export function usePlaybooks(enabled = true) {
  return useQuery({
    queryKey: automationKeys.playbooks,
    queryFn: () => get<Page<Playbook>>('/playbooks', { limit: 500 }),
    enabled,
    staleTime: 60_000,
  })
}

/** Robots and webhook endpoints, for the notify and call-webhook actions. */
export function useWebhooks() {
  return useQuery({
    queryKey: automationKeys.webhooks,
    queryFn: () => get<Page<Webhook>>('/webhooks', { limit: 500 }),
    staleTime: 60_000,
  })
}
