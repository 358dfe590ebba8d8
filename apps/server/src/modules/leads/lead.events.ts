declare module '../../core/events/types' {
  interface EventMap {
    /** A lead's score moved (profile change, new behaviour, decay or new points). */
    'lead.scored': { from: number | null; to: number; hot: boolean }
    /** A hot lead got its owner from routing (once). */
    'lead.routed': { ownerId: string; score: number; why: string }
    'lead.converted': { accountId: string; contactId: string; opportunityId: string; linked: boolean }
  }
}

export {}
