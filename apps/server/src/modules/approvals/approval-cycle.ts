import { sql } from 'drizzle-orm'
import type { ApprovalCycleTimes } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { resolvePeriod } from '../reports'

type Row = Record<string, any>
const rowsOf = (r: unknown) => (r as { rows: Row[] }).rows
const num = (v: unknown) => (v == null ? null : Math.round(Number(v) * 10) / 10)

/**
 * How long approvals take (the "contract approval takes too long" complaint, measured): per flow, the
 * requests decided in the period — submitted → decided, average, median and longest, in hours — and per
 * step the same from its start to its decision, with how many passed their deadline; plus what is
 * pending now and overdue. A flow's figures (workspace-wide) are shown to people who read its object's records beyond their own
 * (team or all): managers, executives, finance, administrators.
 */
export async function approvalCycleTimes(
  tx: Executor,
  ctx: Ctx,
  q: { from?: string; to?: string },
  now = new Date(),
): Promise<{ from: string; to: string; flows: ApprovalCycleTimes['flows'] }> {
  const p = resolvePeriod(q, 'history', now)
  const flows = rowsOf(
    await tx.execute(sql`
      select flow_id as "flowId", min(flow_name) as "flowName", min(object) as object,
        count(*) filter (where status in ('approved', 'rejected') and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as decided,
        count(*) filter (where status = 'approved' and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as approved,
        count(*) filter (where status = 'rejected' and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as rejected,
        avg(extract(epoch from decided_at - submitted_at) / 3600) filter (where status in ('approved', 'rejected') and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as "avgHours",
        percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 3600) filter (where status in ('approved', 'rejected') and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as "medianHours",
        max(extract(epoch from decided_at - submitted_at) / 3600) filter (where status in ('approved', 'rejected') and decided_at >= ${p.start}::timestamptz and decided_at < ${p.end}::timestamptz) as "maxHours",
        count(*) filter (where status = 'pending') as pending,
        count(*) filter (where status = 'pending' and ((steps -> current_step) ->> 'dueAt')::timestamptz < ${now.toISOString()}::timestamptz) as overdue
      from approvals where workspace_id = ${ctx.ws}
      group by flow_id order by min(flow_name)`),
  ).filter((f) => ['team', 'all'].includes(scopeFor(ctx.principal, f.object, 'read')))
  const steps = rowsOf(
    await tx.execute(sql`
      select a.flow_id as "flowId", s.i - 1 as idx, min(s.step ->> 'name') as name,
        count(*) filter (where s.step ->> 'completedAt' is not null and s.step ->> 'status' in ('approved', 'rejected')) as completed,
        avg(extract(epoch from (s.step ->> 'completedAt')::timestamptz - (s.step ->> 'startedAt')::timestamptz) / 3600)
          filter (where s.step ->> 'status' in ('approved', 'rejected')) as "avgHours",
        percentile_cont(0.5) within group (order by extract(epoch from (s.step ->> 'completedAt')::timestamptz - (s.step ->> 'startedAt')::timestamptz) / 3600)
          filter (where s.step ->> 'status' in ('approved', 'rejected')) as "medianHours",
        count(*) filter (where s.step ->> 'escalatedAt' is not null) as escalated
      from approvals a, jsonb_array_elements(a.steps) with ordinality s(step, i)
      where a.workspace_id = ${ctx.ws} and a.submitted_at < ${p.end}::timestamptz
        and (a.decided_at is null or a.decided_at >= ${p.start}::timestamptz)
      group by a.flow_id, s.i order by s.i`),
  )
  return {
    from: p.from,
    to: p.to,
    flows: flows.map((f) => ({
      flowId: f.flowId,
      flowName: f.flowName,
      object: f.object,
      decided: Number(f.decided),
      approved: Number(f.approved),
      rejected: Number(f.rejected),
      avgHours: num(f.avgHours),
      medianHours: num(f.medianHours),
      maxHours: num(f.maxHours),
      pending: Number(f.pending),
      overdue: Number(f.overdue),
      steps: steps
        .filter((s) => s.flowId === f.flowId)
        .map((s) => ({
          name: s.name,
          completed: Number(s.completed),
          avgHours: num(s.avgHours),
          medianHours: num(s.medianHours),
          escalated: Number(s.escalated),
        })),
    })),
  }
}
