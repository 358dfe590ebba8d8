import type { JobDef } from '../../core/jobs/jobs'
import { requalifyAll } from './qualification.service'

export const REQUALIFY_JOB = 'qualification_recompute'

/**
 * ICP fits and segments of every account: nightly at 03:30 Asia/Shanghai (time moves accounts between
 * maturities as contracts end), after an ICP or the size thresholds changed (`{ws}`), and on demand
 * (`POST /api/v1/jobs/run {"job": "qualification_recompute"}`).
 */
export const requalifyJob: JobDef<{ ws?: string }> = {
  name: REQUALIFY_JOB,
  cron: '30 19 * * *',
  manual: true,
  retryLimit: 2,
  handle: (data, ctx) => requalifyAll(ctx.db, ctx.events, data?.ws),
}
