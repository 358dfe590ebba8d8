import type { Labels } from './cluster-features'
import type { StoredTrait } from './cluster-traits'

/** A cluster as the job stores it (both languages; the read answers in the caller's). */
export type StoredCluster = {
  id: number
  size: number
  arr: string
  meanArr: string
  renewalRate: number | null
  endedContracts: number
  meanHealth: number | null
  traits: StoredTrait[]
  description: Labels
}

export type StoredLookalike = { accountId: string; distance: number; similarity: number; reasons: Labels[] }

/** What a finished run stores. */
export type ClusterResult = {
  k: number
  silhouette: number | null
  accounts: number
  features: { field: string; label: Labels }[]
  tried: { k: number; silhouette: number }[]
  bestClusterId: number | null
  clusters: StoredCluster[]
  lookalikes: StoredLookalike[]
  /** Why nothing was clustered (too few accounts or measures). */
  message: Labels | null
}
