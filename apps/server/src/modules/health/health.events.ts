import type { HealthModel } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'health_model.created': { record: HealthModel }
    'health_model.updated': { record: HealthModel; changed: string[]; before: Partial<HealthModel> }
    'health_model.deleted': { record: HealthModel }
    'health_model.restored': { record: HealthModel }
    /**
     * An account's effective health band changed (computed, or by an override starting or ending).
     * `from` / `to` are null when the account had or has no score. Alerts react to `to: "at_risk"`.
     */
    'account.health_changed': {
      accountId: string
      from: 'healthy' | 'watch' | 'at_risk' | null
      to: 'healthy' | 'watch' | 'at_risk' | null
      score: number | null
      previousScore: number | null
      overridden: boolean
    }
    /** A health override was set. */
    'account.health_overridden': {
      accountId: string
      overrideId: string
      score: number
      reason: string
      expiresAt: string
    }
    /** A health override ended: revoked with a reason, or expired. */
    'account.health_override_ended': {
      accountId: string
      overrideId: string
      reason: string
      expired: boolean
    }
  }
}

export {}
