import { useQuery } from '@tanstack/react-query'
import type { TicketAcknowledgement } from '@openkam/contract'
import { get } from '../../../shared/api/client'

export type { TicketAcknowledgement }

export const acknowledgementKeys = {
  one: (ticketId: string) => ['tickets', 'acknowledgement', ticketId] as const,
}

/**
 * How the ticket's contact was told it was received. Polled every few seconds while the deliveries are
 * on their way (or, for a ticket created a moment ago, until the acknowledgement has run).
 */
export function useAcknowledgement(ticketId: string, createdAt?: string) {
  return useQuery({
    queryKey: acknowledgementKeys.one(ticketId),
    queryFn: () => get<TicketAcknowledgement>(`/tickets/${ticketId}/acknowledgement`),
    refetchInterval: (q) => {
      const status = q.state.data?.status
      const young = !!createdAt && Date.now() - Date.parse(createdAt) < 120_000
      return status === 'pending' || (status === 'none' && young) ? 2_000 : false
    },
  })
}
