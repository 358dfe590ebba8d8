declare module '../../core/events/types' {
  interface EventMap {
    /** An administrator changed the gap-rule thresholds; `changed` names the thresholds. */
    'gap_rules.updated': { changed: string[] }
    /** An administrator replaced the playbook; `changed` names the buying roles whose play changed. */
    'decision_map_playbook.updated': { changed: string[] }
    /** A deal's own buying committee changed (an empty committee: the deal uses its account's map). */
    'opportunity.committee_changed': {
      opportunityId: string
      accountId: string
      contactIds: string[]
      added: string[]
      removed: string[]
    }
  }
}

export {}
