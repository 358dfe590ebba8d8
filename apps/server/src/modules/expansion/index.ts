import './expansion.events'
import type { JobDef } from '../../core/jobs/jobs'
import { expansionSuggestionsJob } from './expansion.jobs'

export { expansionSuggestions } from './expansion.table'
export { expansionSuggestionCollection } from './expansion.collection'
export { registerExpansionRoutes } from './expansion.routes'
export { generateSuggestions } from './expansion.service'
export { SEATS, ACTIVE_USERS, LIMIT_USE, MODULE } from './expansion.repository'
export { SIGNED_STATUSES, annualisedSql } from './retention.repository'

/** The jobs of the expansion module: suggestions, nightly and on demand. */
export const expansionJobs = (): JobDef[] => [expansionSuggestionsJob]
