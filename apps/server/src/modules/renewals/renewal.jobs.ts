import type { JobDef } from '../../core/jobs/jobs'
import { startDueRenewals } from './renewal.service'

/** Renewal work for contracts ending within 90 days: hourly, and on demand (`POST /api/v1/jobs/run {job: "renewals_scan"}`). */
export const renewalsScanJob: JobDef<{ ws?: string }> = {
  name: 'renewals_scan',
  cron: '5 * * * *',
  manual: true,
  retryLimit: 0,
  handle: (data, ctx) => startDueRenewals(ctx.db, ctx.events, data?.ws),
}
