import type { JobDef } from '../../core/jobs/jobs'
import { enabledWorkspaces, stuckSyncs } from './finance.repository'
import { pullReceipts } from './receipts.service'
import { PUSH_JOB, pushReceivable } from './receivable-sync.service'

/** One attempt at a contract's receivable; failures retry with their own backoff (see pushReceivable). */
export const financePushJob: JobDef<{ ws: string; contractId: string }> = {
  name: PUSH_JOB,
  retryLimit: 5,
  retryDelaySeconds: 5,
  handle: (data, ctx) => pushReceivable(ctx, data.ws, data.contractId),
}

/** Receipts of every enabled workspace, every 15 minutes (and on demand: POST …/finance/pull). */
export const financePullJob: JobDef<{ ws?: string }> = {
  name: 'finance_pull',
  cron: '*/15 * * * *',
  manual: true,
  async handle(data, ctx) {
    const list = data.ws ? [data.ws] : await enabledWorkspaces(ctx.db)
    const out: Record<string, unknown> = {}
    for (const ws of list) {
      try {
        out[ws] = await pullReceipts(ctx, ws)
      } catch (err) {
        // Recorded on the settings (lastPullError) and in the sync log; the other workspaces go on.
        out[ws] = { error: (err as Error).message }
      }
    }
    return out
  },
}

/** Pushes whose job got lost (a process stopped between saving a retry and queueing it). */
export const financeSweepJob: JobDef = {
  name: 'finance_sweep',
  cron: '* * * * *',
  async handle(_data, ctx) {
    const stuck = await stuckSyncs(ctx.db, new Date(Date.now() - 120_000))
    for (const s of stuck) await ctx.jobs.send(null, PUSH_JOB, { ws: s.ws, contractId: s.contractId })
    return { requeued: stuck.length }
  },
}
