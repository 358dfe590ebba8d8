import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import type { TicketMessage, TicketMessageCreate } from '@openkam/contract'
import { get, post, type Page } from '../../../shared/api/client'

/** Query keys of ticket conversations. */
export const conversationKeys = {
  all: ['ticket-messages'] as const,
  of: (ticketId: string) => ['ticket-messages', ticketId] as const,
}

/** A ticket's conversation, oldest first, 100 messages a page. */
export const useTicketMessages = (ticketId: string) =>
  useInfiniteQuery({
    queryKey: conversationKeys.of(ticketId),
    queryFn: ({ pageParam }) =>
      get<Page<TicketMessage>>(`/tickets/${ticketId}/messages`, { limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A public reply's e-mail is sent in the background: look again shortly while a recent one is on its way.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) =>
        p.data.some(
          (m) =>
            m.visibility === 'public' &&
            m.authorUserId &&
            !m.emailStatus &&
            Date.now() - Date.parse(m.createdAt) < 120_000,
        ),
      )
        ? 2000
        : false,
  })

/** Adds a reply or note; the ticket itself may change too (first response, status), so both reload. */
export const useAddMessage = (ticketId: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: TicketMessageCreate) => post<TicketMessage>(`/tickets/${ticketId}/messages`, body),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: conversationKeys.of(ticketId) }),
        qc.invalidateQueries({ queryKey: ['tickets'] }),
      ])
    },
  })
}
