import type { Handoff } from '@openkam/contract'

declare module '../../core/events/types' {
  interface EventMap {
    'handoff.created': { record: Handoff }
    'handoff.updated': { record: Handoff; changed: string[]; before: Partial<Handoff> }
    'handoff.deleted': { record: Handoff }
    'handoff.restored': { record: Handoff }
    /** The sales owner submitted the completed checklist; the CSM validates it next. */
    'handoff.submitted': { record: Handoff }
    /** The CSM confirmed the needs are met. */
    'handoff.validated': { record: Handoff }
    /** Not submitted by its due time (raised once, by the handoffs scan). */
    'handoff.overdue': { record: Handoff }
    /** Submitted but not validated by its due time (raised once, by the handoffs scan). */
    'handoff.validation_overdue': { record: Handoff }
  }
}

export {}
