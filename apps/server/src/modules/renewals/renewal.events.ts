declare module '../../core/events/types' {
  interface EventMap {
    /** Renewal work started for a contract ending within 90 days: the re-check task and the draft opportunity. */
    'contract.renewal_started': {
      record: Record<string, unknown>
      taskId: string | null
      opportunityId: string | null
    }
  }
}

export {}
