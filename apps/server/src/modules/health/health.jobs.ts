import type { JobDef } from '../../core/jobs/jobs'
import { recomputeAllHealth, refreshDerivedMetrics, recomputeAccounts } from './health.service'
import { HEALTH_ACCOUNTS_JOB, HEALTH_PENDING_JOB, requestPendingRefresh } from './metric.repository'
import { hasPendingAccounts, pendingAccounts, settleRefreshed } from './refresh-pending.repository'
import { systemCtx } from '../../core/context'

/** Accounts refreshed per run of the pending refresh (one transaction). */
export const PENDING_PAGE = 1000

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

/**
 * The accounts whose usage events arrived (health_refresh_pending): their derived metrics refreshed and
 * their health recomputed once per run however many batches came, a page per run. Accounts still waiting
 * afterwards (a next page, or batches that came meanwhile) queue another run.
 */
export const healthPendingRefreshJob: JobDef<{ ws: string }> = {
  name: HEALTH_PENDING_JOB,
  retryLimit: 3,
  handle: async (data, ctx) => {
    if (!data?.ws) return null
    const ws = data.ws
    const page = await pendingAccounts(ctx.db, ws, PENDING_PAGE)
    if (!page.length) return { accounts: 0 }
    const ids = page.map((p) => p.accountId)
    const out = await ctx.db.transaction(async (tx) => {
      await refreshDerivedMetrics(tx, ws, ids)
      const r = await recomputeAccounts(tx, systemCtx(ws, ctx.events), ids, { reason: 'input' })
      await settleRefreshed(tx, ws, page)
      return r
    })
    if (await hasPendingAccounts(ctx.db, ws))
      await requestPendingRefresh(null, ws, page.length === PENDING_PAGE ? 0 : undefined)
    return out
  },
}
