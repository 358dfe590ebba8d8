declare module '../../core/events/types' {
  interface EventMap {
    /** An administrator changed the finance connector (credentials only as set / not set). */
    'finance_integration.updated': {
      provider: string
      baseUrl: string
      enabled: boolean
      credentials: 'set' | 'not_set'
    }
    /** A contract's receivable is in the finance system (created now, or found there already). */
    'finance_receivable.synced': {
      contractId: string
      contractNumber: string
      provider: string
      externalId: string
      billNumber: string
      existed: boolean
    }
    /** A push failed for good (after its retries): the finance system's own words in `error`. */
    'finance_receivable.failed': {
      contractId: string
      contractNumber: string
      provider: string
      error: string
    }
  }
}

export {}
