import type { Icp, ScoringModel } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'icp.created': { record: Icp }
    'icp.updated': { record: Icp; changed: string[]; before: Partial<Icp> }
    'icp.deleted': { record: Icp }
    'icp.restored': { record: Icp }
    'scoring_model.created': { record: ScoringModel }
    'scoring_model.updated': { record: ScoringModel; changed: string[]; before: Partial<ScoringModel> }
    'scoring_model.deleted': { record: ScoringModel }
    'scoring_model.restored': { record: ScoringModel }
    /** Somebody scored an account's potential (SPEC R-02); every score, also an unchanged one. */
    'account.potential_scored': {
      accountId: string
      scoreId: string
      total: number
      class: 'A' | 'B' | 'C'
      modelId: string
    }
    /** The potential class of an account changed (`from` null on its first score). */
    'account.potential_class_changed': {
      accountId: string
      from: 'A' | 'B' | 'C' | null
      to: 'A' | 'B' | 'C'
      total: number
      previousTotal: number | null
    }
    /** The segment settings changed; with new thresholds every account is placed again. */
    'segment_settings.updated': { thresholdsChanged: boolean; version: number }
  }
}

export {}
