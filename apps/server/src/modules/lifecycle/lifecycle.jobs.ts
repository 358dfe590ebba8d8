import type { JobDef } from '../../core/jobs/jobs'
import { recomputeAllLifecycles } from './lifecycle.service'

/** Every account's lifecycle stage, nightly at 02:30 Asia/Shanghai, and on demand (`{job: "lifecycle_recompute"}`). */
export const lifecycleRecomputeJob: JobDef<{ ws?: string }> = {
  name: 'lifecycle_recompute',
  cron: '30 18 * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) => recomputeAllLifecycles(ctx.db, ctx.events, data?.ws),
}
