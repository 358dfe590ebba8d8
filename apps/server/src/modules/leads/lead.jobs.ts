import type { JobDef } from '../../core/jobs/jobs'
import { rescoreAllLeads } from './lead-scoring.service'

/**
 * Every open lead's score, nightly at 02:00 Asia/Shanghai (behaviour points decay), after new points
 * (queued by the settings), and on demand (`POST /api/v1/jobs/run {job: "leads_rescore"}`).
 */
export const leadsRescoreJob: JobDef<{ ws?: string }> = {
  name: 'leads_rescore',
  cron: '0 18 * * *',
  manual: true,
  retryLimit: 2,
  handle: (data, ctx) => rescoreAllLeads(ctx.db, { events: ctx.events, jobs: ctx.jobs }, data?.ws),
}
