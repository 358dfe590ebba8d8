import { and, eq } from 'drizzle-orm'
import type { RuleAction } from '@openkam/contract'
import type { JobDef } from '../../core/jobs/jobs'
import { retryAction } from './engine'
import { ruleRuns, ruleVersions } from './rule.table'
import { scanDateTriggers, scanSchedules } from './scans'

/** Date triggers and schedules, every minute (and on demand: `POST /api/v1/jobs/run {job: "rules_scan"}`). */
export const rulesScanJob: JobDef<{ ws?: string }> = {
  name: 'rules_scan',
  cron: '* * * * *',
  manual: true,
  retryLimit: 0,
  async handle(data, ctx) {
    const deps = { events: ctx.events, jobs: ctx.jobs, config: ctx.config }
    const dateRuns = await scanDateTriggers(ctx.db, deps, data?.ws)
    const scheduleRuns = await scanSchedules(ctx.db, deps, data?.ws)
    return { dateRuns, scheduleRuns }
  },
}

/** Retries one failed action of a run (sent with a backoff delay by the engine). */
export const retryActionJob: JobDef<{ ws: string; runId: string; index: number }> = {
  name: 'rules.retry_action',
  async handle(data, ctx) {
    const deps = { events: ctx.events, jobs: ctx.jobs, config: ctx.config }
    return ctx.db.transaction(async (tx) => {
      const [run] = await tx
        .select({ ruleId: ruleRuns.ruleId, version: ruleRuns.ruleVersion })
        .from(ruleRuns)
        .where(and(eq(ruleRuns.workspaceId, data.ws), eq(ruleRuns.id, data.runId)))
      if (!run) return 'no such run'
      const [v] = await tx
        .select()
        .from(ruleVersions)
        .where(
          and(
            eq(ruleVersions.workspaceId, data.ws),
            eq(ruleVersions.ruleId, run.ruleId),
            eq(ruleVersions.version, run.version),
          ),
        )
      if (!v) return 'no such rule version'
      const def = v.definition as { name: string; actions: RuleAction[] }
      return retryAction(tx, deps, data, def)
    })
  },
}

export const ruleJobs = [rulesScanJob, retryActionJob]
