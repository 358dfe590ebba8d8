declare module '../../core/events/types' {
  interface EventMap {
    /** An account moved to another service tier (evaluation, override or its end); its package follows the tier. */
    'account.tier_changed': {
      from: string | null
      to: string
      annualSpend: string | null
      reason: string
      changeId: string
    }
    'tier_rules.updated': { changed: string[] }
  }
}

export {}
