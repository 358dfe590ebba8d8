import { and, eq, inArray } from 'drizzle-orm'
import type { Approval, ObjectSchema } from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { collectionOf, getObject } from '../fields'
import { deciders } from './approval-steps'
import { decisionsOf, delegatesOf, type ApprovalRow, type DecisionRow } from './approval.repository'

type Row = Record<string, any>

/** The object's description (label, title field) as the system reads it, in a language. */
export const describeObject = (tx: Executor, ws: string, object: string, lang: 'en' | 'zh-CN') =>
  getObject(tx, { ws, principal: systemPrincipal(ws) } as Ctx, object, lang) as Promise<ObjectSchema>

/** The names (title field) of some records of one object, by id; deleted records keep theirs. */
export async function recordNames(tx: Executor, ws: string, object: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>()
  const desc = await describeObject(tx, ws, object, 'en')
  const t = collectionOf(object).def.table as Row
  const col = t[desc.titleField] ?? t.name
  if (!col) return new Map<string, string>()
  const rows = (await tx
    .select({ id: t.id, name: col })
    .from(t as any)
    .where(and(eq(t.workspaceId, ws), inArray(t.id, ids)))) as { id: string; name: unknown }[]
  return new Map(rows.map((r) => [r.id, r.name == null ? '' : String(r.name)]))
}

const decisionView = (d: DecisionRow) => ({
  id: d.id,
  userId: d.userId,
  onBehalfOf: d.onBehalfOf ?? null,
  decision: d.decision as 'approve' | 'reject',
  comment: d.comment ?? null,
  fileIds: d.fileIds ?? [],
  at: d.at.toISOString(),
})

/** Requests on the wire: steps with their decisions, and who may decide the current step now. */
export async function approvalViews(
  tx: Executor,
  ws: string,
  rows: ApprovalRow[],
  now = new Date(),
): Promise<Approval[]> {
  const decisions = await decisionsOf(
    tx,
    ws,
    rows.map((r) => r.id),
  )
  const names = new Map<string, string>()
  for (const object of new Set(rows.map((r) => r.object))) {
    const ids = rows.filter((r) => r.object === object).map((r) => r.recordId)
    for (const [id, n] of await recordNames(tx, ws, object, ids)) names.set(id, n)
  }
  const approvers = rows.flatMap((r) =>
    r.currentStep == null
      ? []
      : [...r.steps[r.currentStep]!.approverIds, ...r.steps[r.currentStep]!.escalatedTo],
  )
  const delegates = await delegatesOf(tx, ws, [...new Set(approvers)], now)
  return rows.map((r) => {
    const mine = decisions.filter((d) => d.approvalId === r.id)
    const current = r.currentStep == null ? null : r.steps[r.currentStep]!
    const decided = new Set(mine.filter((d) => d.step === r.currentStep).map((d) => d.approverId))
    return {
      id: r.id,
      flowId: r.flowId,
      flowName: r.flowName,
      object: r.object,
      recordId: r.recordId,
      recordName: names.get(r.recordId) ?? null,
      status: r.status as Approval['status'],
      currentStep: r.currentStep ?? null,
      submittedBy: r.submittedBy,
      submittedAt: r.submittedAt.toISOString(),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      canDecide: r.status === 'pending' && current ? deciders(current, decided, delegates) : [],
      steps: r.steps.map((s, i) => ({
        name: s.name,
        mode: s.mode,
        n: s.n ?? null,
        status: s.status,
        approverIds: s.approverIds,
        escalatedTo: s.escalatedTo ?? [],
        startedAt: s.startedAt,
        dueAt: s.dueAt,
        remindedAt: s.remindedAt,
        escalatedAt: s.escalatedAt,
        completedAt: s.completedAt,
        decisions: mine.filter((d) => d.step === i).map(decisionView),
      })),
      version: r.version,
    }
  })
}
