import type { Milestone } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'milestone.created': { record: Milestone }
    'milestone.updated': { record: Milestone; changed: string[]; before: Partial<Milestone> }
    'milestone.deleted': { record: Milestone }
    'milestone.restored': { record: Milestone }
    /** The customer's contact confirmed the milestone through its link. */
    'milestone.confirmed': { record: Milestone }
  }
}

export {}
