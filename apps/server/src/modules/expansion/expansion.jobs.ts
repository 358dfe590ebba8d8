import type { JobDef } from '../../core/jobs/jobs'
import { generateSuggestions } from './expansion.service'

export const EXPANSION_JOB = 'expansion_suggestions'

/** Expansion suggestions: nightly for every workspace, and on demand for one (the generate route, `jobs/run`). */
export const expansionSuggestionsJob: JobDef<{ ws?: string; jobId?: string }> = {
  name: EXPANSION_JOB,
  cron: '40 2 * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) => generateSuggestions(ctx.db, ctx.events, data?.ws),
}
