import type { JobDef } from '../../core/jobs/jobs'
import { evaluateAllTiers } from './tier.service'

/**
 * Every account's service tier, nightly at 02:30 Asia/Shanghai, and on demand
 * (`POST /api/v1/jobs/run {job: "tiers_evaluate"}`, which answers when finished).
 */
export const tiersEvaluateJob: JobDef<{ ws?: string }> = {
  name: 'tiers_evaluate',
  cron: '30 18 * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) => evaluateAllTiers(ctx.db, ctx.events, data?.ws),
}
