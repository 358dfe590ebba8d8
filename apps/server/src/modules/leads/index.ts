import './lead.events'
import type { EventHandler } from '../../core/events/registry'
import type { JobDef } from '../../core/jobs/jobs'
import { leadScoringHandler } from './lead.handler'
import { leadsRescoreJob } from './lead.jobs'
import type { LeadDeps } from './lead-scoring.service'

export { leadCollection } from './lead.collection'
export { leads, leadEvents, leadForms, leadScoringSettings } from './lead.table'
export { registerLeadRoutes } from './lead.routes'
export { convertLead, accountCandidates } from './lead-convert.service'
export { LeadIndex, leadKeys, type LeadKey, type LeadMatch } from './lead-match'
export { findLeadDuplicates } from './lead-duplicates.service'
export { scoreLead, decayed, defaultScoringConfig, companyDomainOf } from './lead-score'
export { rescoreLeads, loadScoring, type LeadDeps } from './lead-scoring.service'

/** The event handlers of the leads module: lead changes and linked marketing touches rescore the lead. */
export const leadHandlers = (deps: LeadDeps): EventHandler[] => [leadScoringHandler(deps)]

/** The jobs of the leads module: the nightly rescoring (decay; manual too). */
export const leadJobs = (): JobDef[] => [leadsRescoreJob]
