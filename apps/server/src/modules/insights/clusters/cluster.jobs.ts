import type { JobDef } from '../../../core/jobs/jobs'
import { workspacesWithAccounts } from '../../accounts'
import { CLUSTER_JOB } from './cluster-job-name'
import { runClustering } from './cluster-run.service'

/**
 * Clusters a workspace's accounts: a run asked for (`{ws, runId}`), on demand for a workspace (`{ws}`,
 * `POST /api/v1/jobs/run`), or nightly at 02:00 Asia/Shanghai for every workspace with accounts.
 */
export const clusterJob: JobDef<{ ws?: string; runId?: string }> = {
  name: CLUSTER_JOB,
  cron: '0 18 * * *',
  manual: true,
  retryLimit: 1,
  handle: async (data, ctx) => {
    const out = []
    for (const ws of data?.ws ? [data.ws] : await workspacesWithAccounts(ctx.db))
      out.push(await runClustering(ctx.db, ctx.events, ws, data?.runId))
    return out
  },
}
