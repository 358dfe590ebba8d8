import { useQuery } from '@tanstack/react-query'
import type { RenewalBoard, RenewalContract } from '@openkam/contract'
import { get } from '../../shared/api/client'

export type { RenewalBoard, RenewalContract }

export const renewalKeys = {
  board: (from: string, to: string) => ['renewals', 'board', from, to] as const,
  account: (id: string) => ['renewals', 'account', id] as const,
}

/** Contracts ending per month from `from` to `to` (YYYY-MM), with amounts and risk. */
export function useRenewalBoard(from: string, to: string) {
  return useQuery({
    queryKey: renewalKeys.board(from, to),
    queryFn: () => get<RenewalBoard>('/renewals', { from, to }),
    placeholderData: (prev) => prev,
  })
}

/** An account's renewable contracts, soonest end first. */
export function useAccountRenewals(accountId: string) {
  return useQuery({
    queryKey: renewalKeys.account(accountId),
    queryFn: () => get<{ data: RenewalContract[] }>(`/accounts/${accountId}/renewals`),
  })
}
