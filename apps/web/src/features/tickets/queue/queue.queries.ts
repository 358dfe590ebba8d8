import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { TicketQueue } from '@openkam/contract'
import { get, type Page } from '../../../shared/api/client'

export const QUEUE_VIEWS = ['open', 'unassigned', 'mine', 'at_risk', 'breached'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]

export type QueueFilters = {
  teamId: string | null
  view: QueueView
  priority: string[]
  type: string[]
  q: string
}

/** A view as the ticket list's filters (the queue's API takes the same ones). */
const viewFilter: Record<QueueView, Record<string, string>> = {
  open: {},
  unassigned: { assigneeId: 'null' },
  mine: { assigneeId: 'me' },
  at_risk: { slaStatus: 'at_risk' },
  breached: { slaStatus: 'breached' },
}

/** The queue's pages (50 tickets each, the most urgent first), refreshed every minute. */
export function useTicketQueue(f: QueueFilters, lang: string) {
  return useInfiniteQuery({
    queryKey: ['tickets', 'queue', f, lang],
    queryFn: ({ pageParam }) =>
      get<TicketQueue>('/ticket-queue', {
        limit: 50,
        cursor: pageParam ?? undefined,
        teamId: f.teamId ?? undefined,
        priority: f.priority.join(',') || undefined,
        type: f.type.join(',') || undefined,
        q: f.q || undefined,
        ...viewFilter[f.view],
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  })
}

export type Team = { id: string; name: string; managerId: string | null; memberIds: string[] }

/** The workspace's teams with their members (the queue's team picker and assignees). */
export const useQueueTeams = () =>
  useQuery({
    queryKey: ['teams', 'queue'],
    queryFn: () => get<Page<Team>>('/teams', { limit: 500 }),
    staleTime: 5 * 60_000,
  })
