import './tier.events'
import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobDef, JobQueue } from '../../core/jobs/jobs'
import { tierInputsHandler } from './tier.handler'
import { tiersEvaluateJob } from './tier.jobs'

export { tierRules, accountTiers, accountTierChanges } from './tier.table'
export { registerTierRoutes } from './tier.routes'
export { installTierTemplate, tierRuleTemplates } from './tier-template'
export { loadTierRules, saveTierRules } from './tier-settings.service'
export { evaluateTiers, evaluateAllTiers, TIER_OVERRIDE_PERMISSION } from './tier.service'
export { tierFor, defaultPackages } from './tier-rules'

/** The event handlers of the tiers module: a new account or a spend change re-evaluates its tier. */
export const tierHandlers = (deps: { events: EventSink; jobs: JobQueue }): EventHandler[] => [
  tierInputsHandler(deps),
]

/** The jobs of the tiers module: the nightly evaluation (manual too). */
export const tierJobs = (): JobDef[] => [tiersEvaluateJob]
