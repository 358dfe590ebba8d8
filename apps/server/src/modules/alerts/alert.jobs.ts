import type { JobDef } from '../../core/jobs/jobs'
import { evaluateAlerts } from './alert.evaluate'

/** Evaluates the alert rules of every workspace: hourly, and on demand (`POST /api/v1/jobs/run {job: "alerts_evaluate"}`). */
export const alertsEvaluateJob: JobDef<{ ws?: string }> = {
  name: 'alerts_evaluate',
  cron: '7 * * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) =>
    evaluateAlerts(ctx.db, { events: ctx.events, jobs: ctx.jobs, config: ctx.config }, data?.ws),
}
