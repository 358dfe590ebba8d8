import type { JobDef } from '../../core/jobs/jobs'
import { escalateOverdueHandoffs } from './handoff.scan'

/** Overdue handoffs and validations escalate: every minute, and on demand (`POST /api/v1/jobs/run {job: "handoffs_scan"}`). */
export const handoffsScanJob: JobDef<{ ws?: string }> = {
  name: 'handoffs_scan',
  cron: '* * * * *',
  manual: true,
  retryLimit: 0,
  handle: (data, ctx) => escalateOverdueHandoffs(ctx.db, ctx.events, data?.ws),
}
