import type { JobDef } from '../../core/jobs/jobs'
import { recomputeAllHealth, refreshDerivedMetrics, recomputeAccounts, systemCtx } from './health.service'
import { HEALTH_ACCOUNTS_JOB } from './metric.repository'

/**
 * Every account's health, nightly at 03:00 Asia/Shanghai, and on demand (`{job: "health_recompute"}`,
 * which answers when finished): overrides past their expiry end, derived metrics are refreshed and every
 * score recomputed, a page of accounts per transaction.
 */
export const healthRecomputeJob: JobDef<{ ws?: string }> = {
  name: 'health_recompute',
  cron: '0 19 * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) =>
    recomputeAllHealth(ctx.db, ctx.events, data?.ws, { reason: data?.ws ? 'manual' : 'nightly' }),
}

/** Some accounts' health after their inputs changed (queued by recordMetrics and the usage events). */
export const healthAccountsJob: JobDef<{ ws: string; accountIds: string[] }> = {
  name: HEALTH_ACCOUNTS_JOB,
  retryLimit: 3,
  handle: async (data, ctx) => {
    if (!data?.ws || !data.accountIds?.length) return null
    return ctx.db.transaction(async (tx) => {
      await refreshDerivedMetrics(tx, data.ws, data.accountIds)
      return recomputeAccounts(tx, systemCtx(data.ws, ctx.events), data.accountIds, { reason: 'input' })
    })
  },
}
