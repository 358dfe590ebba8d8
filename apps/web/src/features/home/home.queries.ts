import { useQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import type { AtRiskAccountsView, RenewalBoard, RenewalContract, ReportResult } from '@openkam/contract'
import { get, post, type Page } from '../../shared/api/client'
import type { Me } from '../../app/auth'

/** Which Home a person gets besides their own work: the whole company, the teams they lead, or none. */
export type HomeScope = { kind: 'company' } | { kind: 'team'; teamIds: string[] } | { kind: 'personal' }

type Team = { id: string; name: string; managerId: string | null }

/**
 * Executives and administrators see the company; whoever manages a team sees that team (their rows are
 * already limited to it by their role's visibility); everyone else sees their own work only.
 */
export function useHomeScope(me: Me | null) {
  const company = !!me && me.roles.some((r) => r === 'executive' || r === 'admin')
  const teams = useQuery({
    queryKey: ['teams', 'home', 'managed', me?.id],
    queryFn: () => get<Page<Team>>('/teams', { managerId: me!.id, limit: 100 }),
    enabled: !!me && !company,
  })
  const scope: HomeScope = company
    ? { kind: 'company' }
    : teams.data?.data.length
      ? { kind: 'team', teamIds: teams.data.data.map((x) => x.id) }
      : { kind: 'personal' }
  return { scope, loading: !company && teams.isLoading }
}

/** The largest at-risk accounts the person can see, with their count and annual spend. */
export const useAtRisk = (lang: string) =>
  useQuery({
    queryKey: ['home', 'at-risk', lang],
    queryFn: () => get<AtRiskAccountsView>('/reports/views/at_risk_accounts', { lang }),
  })

/** Open pipeline by owner: the sum and count of open opportunities the person can see. */
export const usePipelineByOwner = (lang: string) =>
  useQuery({
    queryKey: ['home', 'pipeline-by-owner', lang],
    queryFn: () =>
      post<ReportResult>(`/reports/run?lang=${lang}`, {
        object: 'opportunities',
        filters: [{ field: 'status', op: 'eq', value: 'open' }],
        groupBy: [{ field: 'ownerId' }],
        measures: [
          { fn: 'sum', field: 'amount', key: 'amount' },
          { fn: 'count', key: 'opportunities' },
        ],
        sort: '-amount',
        limit: 12,
      }),
  })

/** Contracts ending in the next 90 days (soonest first), of the accounts in `accountIds` when given. */
export function useRenewalsDue(accountIds?: Set<string>) {
  const from = dayjs().format('YYYY-MM')
  const to = dayjs().add(3, 'month').format('YYYY-MM')
  return useQuery({
    queryKey: ['renewals', 'home', from, to],
    queryFn: () => get<RenewalBoard>('/renewals', { from, to }),
    select: (b): RenewalContract[] =>
      b.months
        .flatMap((m) => m.contracts)
        .filter((c) => c.daysLeft >= 0 && c.daysLeft <= 90 && (!accountIds || accountIds.has(c.accountId)))
        .sort((a, b) => a.daysLeft - b.daysLeft),
  })
}

export type HomeHandoff = { id: string; accountId: string; salesOwnerId: string | null; dueAt: string }

/** Handoffs still open past their due time. */
export const useOverdueHandoffs = () =>
  useQuery({
    queryKey: ['handoffs', 'home', 'overdue'],
    queryFn: () =>
      get<Page<HomeHandoff>>('/handoffs', {
        status: 'open',
        'dueAt[lt]': new Date().toISOString(),
        sort: 'dueAt',
        limit: 50,
      }),
  })

export type HomeAccount = { id: string; name: string; health: { score: number; band: string } | null }

/** The accounts a customer-success manager looks after. */
export const useLookedAfter = () =>
  useQuery({
    queryKey: ['accounts', 'home', 'csm-me'],
    queryFn: () => get<Page<HomeAccount>>('/accounts', { csmId: 'me', limit: 200, sort: 'name' }),
  })

export type HomeTicket = { id: string; subject: string; priority: string; status: string; accountId: string }

/** Tickets assigned to the person and not yet resolved. */
export const useMyTickets = () =>
  useQuery({
    queryKey: ['tickets', 'home', 'mine-open'],
    queryFn: () =>
      get<Page<HomeTicket>>('/tickets', { assigneeId: 'me', status: 'new,open,pending', limit: 8 }),
  })
