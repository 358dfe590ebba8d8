declare module '../../core/events/types' {
  interface EventMap {
    'expansion_suggestion.created': { record: Record<string, unknown> }
    'expansion_suggestion.updated': {
      record: Record<string, unknown>
      changed: string[]
      before: Record<string, unknown>
    }
    'expansion_suggestion.deleted': { record: Record<string, unknown> }
    'expansion_suggestion.restored': { record: Record<string, unknown> }
    /** A person accepted the suggestion: it made the opportunity. */
    'expansion_suggestion.accepted': { record: Record<string, unknown>; opportunityId: string }
    /** A person dismissed the suggestion, saying why. */
    'expansion_suggestion.dismissed': { record: Record<string, unknown>; reason: string }
  }
}

export {}
