import type { EffortCosts, NorthStar } from '@openkam/contract'

declare module '../../../core/events/types' {
  interface EventMap {
    /** An administrator replaced the workspace's north-star metrics (SPEC R-21). */
    'north_star.updated': { metrics: NorthStar['metrics']; before: NorthStar['metrics'] }
    /** An administrator changed what effort costs (hourly rates per role, campaign spend). */
    'effort_costs.updated': { costs: EffortCosts; before: EffortCosts }
  }
}

export {}
