import { get } from '../../shared/api/client'

export type AccountMergeRecord = {
  id: string
  survivorId: string
  mergedId: string
  survivorName: string
  mergedName: string
  fields: string[]
  moved: Record<string, number>
  mergedAt: string
}

export const mergesOf = async (accountId: string) =>
  (await get<{ data: AccountMergeRecord[] }>(`/accounts/${accountId}/merges`)).data
