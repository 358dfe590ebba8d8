import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { approvalDecisions, approvalDelegations, approvalFlows, approvals } from './approval.table'

type Row = Record<string, any>
export type ApprovalRow = typeof approvals.$inferSelect
export type DecisionRow = typeof approvalDecisions.$inferSelect

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** The enabled flows of an object, in the order they are tried: priority, then name. */
export const enabledFlows = (tx: Executor, ws: string, object: string) =>
  tx
    .select()
    .from(approvalFlows)
    .where(
      and(
        eq(approvalFlows.workspaceId, ws),
        eq(approvalFlows.object, object),
        eq(approvalFlows.enabled, true),
        isNull(approvalFlows.deletedAt),
      ),
    )
    .orderBy(asc(approvalFlows.priority), asc(approvalFlows.name))

/** The pending request of a record, if any. */
export async function pendingFor(tx: Executor, ws: string, object: string, recordId: string) {
  const [row] = await tx
    .select()
    .from(approvals)
    .where(
      and(
        eq(approvals.workspaceId, ws),
        eq(approvals.object, object),
        eq(approvals.recordId, recordId),
        eq(approvals.status, 'pending'),
      ),
    )
  return row ?? null
}

/** A request, locked for the rest of the transaction (decisions on it are taken one at a time). */
export async function lockApproval(tx: Executor, ws: string, id: string): Promise<ApprovalRow | null> {
  const [row] = await tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.workspaceId, ws), eq(approvals.id, id)))
    .for('update')
  return row ?? null
}

export async function findApproval(tx: Executor, ws: string, id: string): Promise<ApprovalRow | null> {
  const [row] = await tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.workspaceId, ws), eq(approvals.id, id)))
  return row ?? null
}

export async function insertApproval(tx: Executor, row: typeof approvals.$inferInsert) {
  try {
    await tx.insert(approvals).values(row)
  } catch (e) {
    if (
      String((e as Error)?.message ?? e).includes('approvals_pending_record_key') ||
      (e as Row)?.code === '23505'
    )
      throw new AppError(
        'conflict',
        'approval_already_pending',
        'An approval of this record is already pending',
      )
    throw e
  }
}

export async function saveApproval(tx: Executor, ws: string, id: string, patch: Partial<ApprovalRow>) {
  await tx
    .update(approvals)
    .set({ ...patch, version: sql`${approvals.version} + 1`, updatedAt: new Date() } as any)
    .where(and(eq(approvals.workspaceId, ws), eq(approvals.id, id)))
}

/** Every decision on these requests, oldest first. */
export async function decisionsOf(tx: Executor, ws: string, ids: string[]): Promise<DecisionRow[]> {
  if (!ids.length) return []
  return tx
    .select()
    .from(approvalDecisions)
    .where(and(eq(approvalDecisions.workspaceId, ws), inArray(approvalDecisions.approvalId, ids)))
    .orderBy(asc(approvalDecisions.at), asc(approvalDecisions.id))
}

export async function insertDecision(tx: Executor, row: typeof approvalDecisions.$inferInsert) {
  await tx.insert(approvalDecisions).values(row)
}

/** Approver → the delegate deciding for them at `now`, for these approvers. */
export async function delegatesOf(
  tx: Executor,
  ws: string,
  approverIds: string[],
  now: Date,
): Promise<Map<string, string>> {
  if (!approverIds.length) return new Map()
  const rows = await tx
    .select()
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.workspaceId, ws), inArray(approvalDelegations.userId, approverIds)))
  return new Map(rows.filter((r) => r.startsAt <= now && r.endsAt > now).map((r) => [r.userId, r.toUserId]))
}

/** The people who delegated their approvals to `userId` at `now`. */
export async function delegatorsOf(tx: Executor, ws: string, userId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .select()
    .from(approvalDelegations)
    .where(and(eq(approvalDelegations.workspaceId, ws), eq(approvalDelegations.toUserId, userId)))
  return rows.filter((r) => r.startsAt <= now && r.endsAt > now).map((r) => r.userId)
}

export type ListFilter = {
  status?: string
  object?: string
  recordId?: string
  submitter?: string
  /** Requests where one of these people approves: the current step only when `pendingOnly`. */
  approverAnyOf?: string[]
  pendingOnly?: boolean
  /** Limits to requests the viewer takes part in, unless they see every record of every object. */
  viewer?: { userId: string; delegators: string[] } | null
  limit: number
  after?: { at: string; id: string }
}

const holds = (step: SQL, ids: string[]) =>
  sql.join(
    ids.flatMap((id) => [
      sql`(${step} -> 'approverIds') @> jsonb_build_array(${id}::text)`,
      sql`(${step} -> 'escalatedTo') @> jsonb_build_array(${id}::text)`,
    ]),
    sql` or `,
  )

const anyStepHolds = (ids: string[]) =>
  sql`exists (select 1 from jsonb_array_elements(${approvals.steps}) s(step) where ${holds(sql`s.step`, ids)})`

/** A page of requests, newest first (keyset on submittedAt, id). */
export async function listApprovals(tx: Executor, ws: string, f: ListFilter): Promise<ApprovalRow[]> {
  const where: SQL[] = [sql`${approvals.workspaceId} = ${ws}`]
  if (f.status === 'decided') where.push(sql`${approvals.status} <> 'pending'`)
  else if (f.status) where.push(sql`${approvals.status} = ${f.status}`)
  if (f.object) where.push(sql`${approvals.object} = ${f.object}`)
  if (f.recordId) where.push(sql`${approvals.recordId} = ${f.recordId}::uuid`)
  if (f.submitter) where.push(sql`${approvals.submittedBy} = ${f.submitter}::uuid`)
  if (f.approverAnyOf) {
    where.push(
      f.pendingOnly
        ? sql`(${approvals.status} = 'pending' and (${holds(sql`(${approvals.steps} -> ${approvals.currentStep}::int)`, f.approverAnyOf)}))`
        : sql`(${anyStepHolds(f.approverAnyOf)})`,
    )
  }
  if (f.viewer) {
    const people = [f.viewer.userId, ...f.viewer.delegators]
    where.push(sql`(${approvals.submittedBy} = ${f.viewer.userId}::uuid or ${anyStepHolds(people)})`)
  }
  if (f.after)
    where.push(
      sql`(${approvals.submittedAt}, ${approvals.id}) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)`,
    )
  return rowsOf<Row>(
    await tx.execute(sql`
      select * from approvals where ${sql.join(where, sql` and `)}
      order by submitted_at desc, id desc limit ${f.limit}`),
  ).map(fromSql)
}

/** Raw rows (snake_case) as Drizzle rows. */
const fromSql = (r: Row): ApprovalRow => ({
  workspaceId: r.workspace_id,
  id: r.id,
  flowId: r.flow_id,
  flowName: r.flow_name,
  object: r.object,
  recordId: r.record_id,
  status: r.status,
  currentStep: r.current_step,
  steps: typeof r.steps === 'string' ? JSON.parse(r.steps) : r.steps,
  lockedFields: typeof r.locked_fields === 'string' ? JSON.parse(r.locked_fields) : r.locked_fields,
  outcome: typeof r.outcome === 'string' ? JSON.parse(r.outcome) : r.outcome,
  submittedBy: r.submitted_by,
  submittedAt: new Date(r.submitted_at),
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
  version: r.version,
  updatedAt: new Date(r.updated_at),
})

/** Pending requests whose current step has a deadline (the scan checks reminders and escalations). */
export async function pendingWithDeadline(
  db: Executor,
  ws?: string,
): Promise<{ workspaceId: string; id: string }[]> {
  return rowsOf<{ workspaceId: string; id: string }>(
    await db.execute(sql`
      select workspace_id as "workspaceId", id from approvals
      where status = 'pending' and current_step is not null
        and (steps -> current_step) ->> 'dueAt' is not null
        ${ws ? sql`and workspace_id = ${ws}::uuid` : sql``}`),
  )
}
