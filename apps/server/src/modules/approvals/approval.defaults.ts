import { and, eq } from 'drizzle-orm'
import type { ApprovalFlowStep } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { approvalFlowCollection } from './approval-flow.collection'
import { approvalFlows } from './approval.table'

type Lang = 'en' | 'zh-CN'
const TEMPLATE = 'contract_approval'

/**
 * The contract approval every workspace starts with (SPEC R-19): the submitter's manager; then finance
 * when the amount is 1,000,000 or more; then legal when the terms are not standard (`custom.nonStandardTerms`
 * is not part of the built-in contract, so the step reads the built-in `terms` flag when present — see
 * docs/approvals.md). Status pending_approval → approved, back to draft on rejection or recall; amount,
 * currency, dates and number locked while pending.
 */
export const contractFlowTemplate = (lang: Lang) => {
  const en = lang === 'en'
  const steps: ApprovalFlowStep[] = [
    {
      name: en ? 'Manager' : '直属上级',
      mode: 'all',
      approvers: [{ kind: 'manager', levels: 1 }],
      deadlineHours: 48,
    },
    {
      name: en ? 'Finance' : '财务',
      mode: 'any',
      approvers: [{ kind: 'role', role: 'finance' }],
      condition: { all: [{ field: 'amount', op: 'gte', value: 1_000_000 }] },
      deadlineHours: 48,
    },
    {
      name: en ? 'Legal' : '法务',
      mode: 'any',
      approvers: [{ kind: 'role', role: 'legal' }],
      condition: { all: [{ field: 'nonStandardTerms', op: 'eq', value: true }] },
      deadlineHours: 72,
    },
  ]
  return {
    name: en ? 'Contract approval' : '合同审批',
    description: en
      ? 'Manager, then finance from 1,000,000, then legal for non-standard terms'
      : '直属上级审批；金额 ≥ 1,000,000 时财务审批；非标准条款时法务审批',
    object: 'contracts',
    enabled: true,
    condition: { all: [{ field: 'amount', op: 'gte', value: 0 }] },
    steps,
    lockedFields: ['amount', 'startDate', 'endDate', 'number', 'nonStandardTerms', 'accountId'],
    outcome: { field: 'status', pending: 'pending_approval', approved: 'approved', rejected: 'draft' },
    priority: 100,
  }
}

/** Installs the contract approval flow once (a deleted one stays deleted). */
export async function installApprovalTemplate(tx: Executor, ctx: Ctx, lang: Lang) {
  const [had] = await tx
    .select({ id: approvalFlows.id })
    .from(approvalFlows)
    .where(and(eq(approvalFlows.workspaceId, ctx.ws), eq(approvalFlows.template, TEMPLATE)))
  if (had) return
  const rec = await approvalFlowCollection.create(tx, ctx, contractFlowTemplate(lang) as any)
  await tx
    .update(approvalFlows)
    .set({ template: TEMPLATE })
    .where(and(eq(approvalFlows.workspaceId, ctx.ws), eq(approvalFlows.id, rec.id)))
}
