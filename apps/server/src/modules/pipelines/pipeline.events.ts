import type { z } from 'zod'
import type { Deliverable, opportunityResource, Pipeline } from '@openkam/contract'

type Opportunity = z.infer<typeof opportunityResource.Record>

declare module '../../core/events/types' {
  interface EventMap {
    'pipeline.created': { record: Pipeline }
    'pipeline.updated': { record: Pipeline; changed: string[]; before: Partial<Pipeline> }
    'pipeline.deleted': { record: Pipeline }
    'pipeline.restored': { record: Pipeline }
    /** Beside `opportunity.updated` (changed: stage): the move with its direction and the waivers given. */
    'opportunity.stage_changed': {
      record: Opportunity
      from: string
      to: string
      direction: 'forward' | 'backward'
      waivers: { deliverable: string; reason: string }[]
    }
    'opportunity.deliverable_attached': { opportunityId: string; deliverable: Deliverable }
    'opportunity.deliverable_removed': { opportunityId: string; deliverable: Deliverable }
  }
}

export {}
