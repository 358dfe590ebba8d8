import { useMutation, useQuery } from '@tanstack/react-query'
import type { PublicTicketRating, TicketRated, TicketRatingAnswer } from '@openkam/contract'
import { get, post } from '../../../shared/api/client'

const path = (token: string) => `/public/ticket-ratings/${encodeURIComponent(token)}`

/** What a satisfaction link asks about (public, no login). */
export const usePublicRating = (token: string) =>
  useQuery({
    queryKey: ['ticket-rating', token],
    queryFn: () => get<PublicTicketRating>(path(token)),
    retry: false,
  })

export const useRateTicket = (token: string) =>
  useMutation({ mutationFn: (body: TicketRatingAnswer) => post<TicketRated>(path(token), body) })
