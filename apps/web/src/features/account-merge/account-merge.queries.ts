import { get } from '../../shared/api/client'

export type DuplicateCandidate = {
  id: string
  name: string
  creditCode: string | null
  domain: string | null
  ownerId: string | null
  on: 'creditCode' | 'domain' | 'name'
  visible: boolean
}

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

/** Accounts that look like the one described (create or rename); the record itself is left out. */
export const findDuplicates = async (k: {
  name?: string
  creditCode?: string
  domain?: string
  website?: string
  excludeId?: string
}) => (await get<{ data: DuplicateCandidate[] }>('/accounts/duplicates', k)).data

export const mergesOf = async (accountId: string) =>
  (await get<{ data: AccountMergeRecord[] }>(`/accounts/${accountId}/merges`)).data
