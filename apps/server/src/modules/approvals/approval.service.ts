import { sql } from 'drizzle-orm'
import type { Approval, ApprovalFlowStep, ConditionGroup } from '@openkam/contract'
import { scopeFor, systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { newId } from '../../core/ids'
import { collectionOf, objectExists } from '../fields'
import { notify, workspaceLocale } from '../notifications'
import { peopleByIds, principalByEmail } from '../users'
import { fileMeta } from '../pipelines'
import { evaluateConditions as evaluate } from '../rules'
import { actingFor, planSteps, startNext, tally, type StepPlan, type StepState } from './approval-steps'
import { approvalTexts, recordWords } from './approval-texts'
import { tellApprovers } from './approval-link.service'
import { approvalViews, describeObject } from './approval-view'
import {
  delegatesOf,
  decisionsOf,
  enabledFlows,
  findApproval,
  insertApproval,
  insertDecision,
  lockApproval,
  pendingFor,
  saveApproval,
  type ApprovalRow,
} from './approval.repository'
import { resolveApprovers } from './approvers'

type Row = Record<string, any>
export type ApprovalDeps = { jobs: JobQueue; events?: EventSink }

const matches = (g: ConditionGroup | null | undefined, record: Row, now: Date) =>
  !g || (!g.all?.length && !g.any?.length) || evaluate(g, { record, now }).matched

const langOf = async (tx: Executor, ws: string) =>
  (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)

/** The record as the approval engine reads and writes it: as the system, marked with the request. */
const engineCtx = (ctx: Ctx, approvalId: string): Ctx => ({
  ws: ctx.ws,
  principal: systemPrincipal(ctx.ws),
  events: ctx.events,
  approvalId,
  ...(ctx.cause ? { cause: ctx.cause } : {}),
})

async function whatOf(tx: Executor, ws: string, object: string, record: Row) {
  const lang = await langOf(tx, ws)
  const desc = await describeObject(tx, ws, object, lang)
  const name = record[desc.titleField] ?? record.name ?? null
  return { lang, what: recordWords(lang, desc.label, name == null ? null : String(name)) }
}

/** Writes the flow's outcome value (pending / approved / rejected) to the record, past the approval guard. */
async function writeOutcome(
  tx: Executor,
  ctx: Ctx,
  a: ApprovalRow,
  which: 'pending' | 'approved' | 'rejected',
) {
  if (!a.outcome) return null
  const col = collectionOf(a.object)
  const ectx = engineCtx(ctx, a.id)
  const rec = (await col.getAny(tx, ectx, a.recordId)) as Row
  const field = a.outcome.field
  const value = a.outcome[which]
  const current = field.startsWith('custom.') ? rec.custom?.[field.slice(7)] : rec[field]
  if (current === value) return rec
  const patch = field.startsWith('custom.') ? { custom: { [field.slice(7)]: value } } : { [field]: value }
  return (await col.update(tx, ectx, a.recordId, { version: rec.version, ...patch } as any)) as Row
}

/** The flows that would govern a record: the first enabled flow of its object whose condition it meets. */
async function flowFor(tx: Executor, ws: string, object: string, record: Row, now: Date) {
  for (const f of await enabledFlows(tx, ws, object)) if (matches(f.condition, record, now)) return f
  return null
}

/** Each step of a flow for one record and submitter: whether it applies, and who approves it. */
export async function planFor(
  tx: Executor,
  ws: string,
  steps: ApprovalFlowStep[],
  record: Row,
  submitterId: string,
  now: Date,
): Promise<StepPlan[]> {
  const plans: StepPlan[] = []
  for (const s of steps) {
    const applies = matches(s.condition, record, now)
    plans.push({
      name: s.name,
      mode: s.mode ?? 'all',
      n: s.n ?? null,
      deadlineHours: s.deadlineHours ?? null,
      applies,
      approverIds: applies ? await resolveApprovers(tx, ws, s.approvers, { submitterId, record }) : [],
    })
  }
  return plans
}

async function tell(
  tx: Executor,
  ws: string,
  deps: ApprovalDeps,
  userIds: string[],
  text: { subject: string; body: string },
  approvalId: string,
) {
  if (!userIds.length) return
  await notify(tx, ws, deps.jobs, {
    userIds,
    channels: ['in_app', 'email'],
    subject: text.subject,
    body: text.body,
    link: `/approvals/${approvalId}`,
    relatedType: 'approval',
    relatedId: approvalId,
  })
}

const nameOf = async (tx: Executor, ws: string, id: string) =>
  (await peopleByIds(tx, ws, [id]))[0]?.name ?? ''

/**
 * Submits a record for approval under the first enabled flow of its object that applies: 422
 * `no_approval_flow` when none does, 409 `approval_already_pending` when one is running; the steps are
 * resolved now (skipped when their condition fails), the record takes the flow's pending value, the
 * approvers of the first step are told.
 */
export async function submitApproval(
  tx: Executor,
  ctx: Ctx,
  deps: ApprovalDeps,
  input: { object: string; recordId: string; comment?: string },
  now = new Date(),
): Promise<Approval> {
  if (!(await objectExists(tx, ctx.ws, input.object)))
    throw new AppError('not_found', 'not_found', `No object ${input.object} in this workspace`)
  const col = collectionOf(input.object)
  const record = (await col.get(tx, ctx, input.recordId)) as Row
  const submitter = ctx.principal.userId
  if (!submitter) throw new AppError('forbidden', 'forbidden', 'Approvals are submitted by a person')
  if (scopeFor(ctx.principal, input.object, 'update') === 'none')
    throw new AppError(
      'forbidden',
      'forbidden',
      `Your role may not change ${input.object}, so it may not submit them`,
    )
  const flow = await flowFor(tx, ctx.ws, input.object, record, now)
  if (!flow)
    throw new AppError(
      'unprocessable',
      'no_approval_flow',
      `No approval flow applies to this ${input.object} record`,
    )
  if (await pendingFor(tx, ctx.ws, input.object, input.recordId))
    throw new AppError(
      'conflict',
      'approval_already_pending',
      'An approval of this record is already pending',
    )
  const plans = await planFor(tx, ctx.ws, flow.steps, record, submitter, now)
  const empty = plans.find((p) => p.applies && p.approverIds.length === 0)
  if (empty)
    throw new AppError(
      'unprocessable',
      'approval_no_approver',
      `Nobody can approve the step "${empty.name}" for you (no manager, team manager or role holder) — change the flow in Settings → Approvals`,
      { errors: [{ path: `steps.${plans.indexOf(empty)}`, message: 'has no approver' }] },
    )
  const { steps, current } = planSteps(plans, now)
  const id = newId()
  const row: ApprovalRow = {
    workspaceId: ctx.ws,
    id,
    flowId: flow.id,
    flowName: flow.name,
    object: input.object,
    recordId: input.recordId,
    status: current == null ? 'approved' : 'pending',
    currentStep: current,
    steps,
    lockedFields: flow.lockedFields ?? [],
    outcome: flow.outcome ?? null,
    submittedBy: submitter,
    submittedAt: now,
    decidedAt: current == null ? now : null,
    version: 1,
    updatedAt: now,
  }
  await insertApproval(tx, row)
  const updated = await writeOutcome(tx, ctx, row, current == null ? 'approved' : 'pending')
  const [view] = await approvalViews(tx, ctx.ws, [row], now)
  await recordAudit(tx, ctx, [
    {
      action: 'submit',
      entityType: 'approval',
      entityId: id,
      after: { ...view, comment: input.comment ?? null },
    },
  ])
  const events = [
    { type: 'approval.submitted', entityType: 'approval', entityId: id, payload: { approval: view } },
  ]
  if (current == null) events.push(...outcomeEvents(col.def.entity, row, view!, updated ?? record))
  await ctx.events.emit(tx, ctx, events)
  const { lang, what } = await whatOf(tx, ctx.ws, input.object, updated ?? record)
  if (current != null)
    await tellApprovers(
      tx,
      ctx.ws,
      deps.jobs,
      steps[current]!.approverIds,
      approvalTexts.toDecide(lang, what, steps[current]!.name, await nameOf(tx, ctx.ws, submitter)),
      id,
      current,
      now,
    )
  return view!
}

const outcomeEvents = (entity: string, a: ApprovalRow, view: Approval, record: Row) => [
  { type: 'approval.approved', entityType: 'approval', entityId: a.id, payload: { approval: view } },
  {
    type: `${entity}.approved`,
    entityType: entity,
    entityId: a.recordId,
    payload: { record, approval: view },
  },
]

/** A request the person may see: they submitted it, approve (or approved) in it, decide for an approver, or read every record of its object. */
async function visible(tx: Executor, ctx: Ctx, a: ApprovalRow, now: Date) {
  const me = ctx.principal.userId
  if (scopeFor(ctx.principal, a.object, 'read') === 'all' || ctx.principal.userId === null) return true
  if (a.submittedBy === me) return true
  const people = a.steps.flatMap((s) => [...s.approverIds, ...(s.escalatedTo ?? [])])
  if (me && people.includes(me)) return true
  const delegates = await delegatesOf(tx, ctx.ws, people, now)
  return [...delegates.values()].includes(me!)
}

async function loadVisible(tx: Executor, ctx: Ctx, id: string, now: Date, lock: boolean) {
  const a = lock ? await lockApproval(tx, ctx.ws, id) : await findApproval(tx, ctx.ws, id)
  if (!a || !(await visible(tx, ctx, a, now)))
    throw new AppError('not_found', 'not_found', 'Approval was not found')
  return a
}

export async function getApproval(tx: Executor, ctx: Ctx, id: string, now = new Date()): Promise<Approval> {
  const a = await loadVisible(tx, ctx, id, now, false)
  return (await approvalViews(tx, ctx.ws, [a], now))[0]!
}

/**
 * One decision on the current step (the row is locked, so two approvers deciding at once are taken one
 * after the other). Someone who may not decide it gets 403; a rejection needs a comment. The step then
 * completes by its mode; a rejection ends the request; the last approval sets the flow's approved value
 * and emits `<entity>.approved` (contract.approved).
 */
export async function decideApproval(
  tx: Executor,
  ctx: Ctx,
  deps: ApprovalDeps,
  id: string,
  input: { decision: 'approve' | 'reject'; comment?: string; fileIds?: string[] },
  now = new Date(),
): Promise<Approval> {
  const a = await loadVisible(tx, ctx, id, now, true)
  if (a.status !== 'pending' || a.currentStep == null)
    throw new AppError('conflict', 'approval_not_pending', `This approval is already ${a.status}`)
  const me = ctx.principal.userId!
  const stepIndex = a.currentStep
  const step = a.steps[stepIndex]!
  const all = await decisionsOf(tx, ctx.ws, [a.id])
  const decided = new Set(all.filter((d) => d.step === stepIndex).map((d) => d.approverId))
  const delegates = await delegatesOf(tx, ctx.ws, [...step.approverIds, ...step.escalatedTo], now)
  const approver = me ? actingFor(step, decided, me, delegates) : null
  if (!approver)
    throw new AppError(
      'forbidden',
      'not_an_approver',
      `You are not an approver of the step "${step.name}" still to decide`,
    )
  const comment = input.comment?.trim() || null
  if (input.decision === 'reject' && !comment)
    throw new AppError('invalid', 'invalid_input', 'Say why you reject it', {
      errors: [{ path: 'comment', message: 'is required when rejecting' }],
    })
  const missingFiles: string[] = []
  // Only one's own uploads: attaching a file opens it to everyone who sees the request.
  for (const f of input.fileIds ?? [])
    if ((await fileMeta(tx, ctx.ws, f))?.createdBy !== me) missingFiles.push(f)
  if (missingFiles.length)
    throw new AppError('invalid', 'invalid_input', 'Attach files you uploaded (POST /api/v1/files)', {
      errors: missingFiles.map((f) => ({ path: 'fileIds', message: `not a file you uploaded: ${f}` })),
    })
  await insertDecision(tx, {
    workspaceId: ctx.ws,
    id: newId(),
    approvalId: a.id,
    step: stepIndex,
    userId: me,
    onBehalfOf: approver === me ? null : approver,
    approverId: approver,
    decision: input.decision,
    comment,
    fileIds: input.fileIds ?? [],
    at: now,
  })
  const votes = [
    ...all.filter((d) => d.step === stepIndex),
    { approverId: approver, decision: input.decision },
  ]
  const result = tally(step, votes as { approverId: string; decision: 'approve' | 'reject' }[])
  let steps: StepState[] = a.steps.map((s) => ({ ...s }))
  let current: number | null = stepIndex
  let status = 'pending'
  if (result !== 'pending') {
    steps[stepIndex] = { ...steps[stepIndex]!, status: result, completedAt: now.toISOString() }
    if (result === 'rejected') {
      steps = steps.map((s) => (s.status === 'waiting' ? { ...s, status: 'cancelled' } : s))
      current = null
      status = 'rejected'
    } else {
      ;({ steps, current } = startNext(steps, stepIndex, now))
      if (current == null) status = 'approved'
    }
  }
  const next: ApprovalRow = {
    ...a,
    steps,
    currentStep: current,
    status,
    decidedAt: status === 'pending' ? null : now,
    version: a.version + 1,
  }
  await saveApproval(tx, ctx.ws, a.id, {
    steps,
    currentStep: current,
    status,
    decidedAt: next.decidedAt,
  })
  const col = collectionOf(a.object)
  const record =
    status === 'approved'
      ? await writeOutcome(tx, ctx, next, 'approved')
      : status === 'rejected'
        ? await writeOutcome(tx, ctx, next, 'rejected')
        : null
  const view = (await approvalViews(tx, ctx.ws, [next], now))[0]!
  await recordAudit(tx, ctx, [
    {
      action: input.decision,
      entityType: 'approval',
      entityId: a.id,
      after: {
        step: step.name,
        decision: input.decision,
        comment,
        onBehalfOf: approver === me ? null : approver,
        status,
      },
    },
  ])
  const rec = record ?? ((await col.getAny(tx, engineCtx(ctx, a.id), a.recordId)) as Row)
  const events: { type: string; entityType: string; entityId: string; payload: Record<string, unknown> }[] =
    []
  if (result !== 'pending')
    events.push({
      type: 'approval.step_completed',
      entityType: 'approval',
      entityId: a.id,
      payload: { approval: view, step: stepIndex },
    })
  if (status === 'approved') events.push(...outcomeEvents(col.def.entity, next, view, rec))
  if (status === 'rejected')
    events.push({
      type: 'approval.rejected',
      entityType: 'approval',
      entityId: a.id,
      payload: { approval: view, reason: comment },
    })
  if (events.length) await ctx.events.emit(tx, ctx, events)
  const { lang, what } = await whatOf(tx, ctx.ws, a.object, rec)
  const by = await nameOf(tx, ctx.ws, me)
  if (status === 'approved')
    await tell(tx, ctx.ws, deps, [a.submittedBy], approvalTexts.approved(lang, what), a.id)
  else if (status === 'rejected')
    await tell(tx, ctx.ws, deps, [a.submittedBy], approvalTexts.rejected(lang, what, by, comment ?? ''), a.id)
  else if (current !== stepIndex && current != null)
    await tellApprovers(
      tx,
      ctx.ws,
      deps.jobs,
      steps[current]!.approverIds,
      approvalTexts.toDecide(lang, what, steps[current]!.name, await nameOf(tx, ctx.ws, a.submittedBy)),
      a.id,
      current,
      now,
    )
  return view
}

/** The submitter takes a pending request back: the record returns to the flow's rejected value (draft). */
export async function recallApproval(
  tx: Executor,
  ctx: Ctx,
  id: string,
  now = new Date(),
): Promise<Approval> {
  const a = await loadVisible(tx, ctx, id, now, true)
  if (a.submittedBy !== ctx.principal.userId)
    throw new AppError('forbidden', 'forbidden', 'Only the person who submitted it may recall an approval')
  if (a.status !== 'pending')
    throw new AppError('conflict', 'approval_not_pending', `This approval is already ${a.status}`)
  const steps = a.steps.map((s) =>
    s.status === 'pending' || s.status === 'waiting'
      ? { ...s, status: 'cancelled' as const, completedAt: now.toISOString() }
      : s,
  )
  const next: ApprovalRow = {
    ...a,
    steps,
    status: 'recalled',
    currentStep: null,
    decidedAt: now,
    version: a.version + 1,
  }
  await saveApproval(tx, ctx.ws, a.id, { steps, status: 'recalled', currentStep: null, decidedAt: now })
  await writeOutcome(tx, ctx, next, 'rejected')
  const view = (await approvalViews(tx, ctx.ws, [next], now))[0]!
  await recordAudit(tx, ctx, [
    { action: 'recall', entityType: 'approval', entityId: a.id, after: { status: 'recalled' } },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'approval.recalled', entityType: 'approval', entityId: a.id, payload: { approval: view } },
  ])
  return view
}

/** Who would approve a record under a flow, step by step, without submitting (the designer's preview). */
export async function previewFlow(
  tx: Executor,
  ctx: Ctx,
  flow: { object: string; condition?: ConditionGroup | null; steps: ApprovalFlowStep[] },
  recordId: string,
  submitterId: string | undefined,
  now = new Date(),
) {
  const record = (await collectionOf(flow.object).get(tx, ctx, recordId)) as Row
  const submitter = submitterId ?? (record.ownerId as string | null) ?? ctx.principal.userId ?? ''
  const plans = await planFor(tx, ctx.ws, flow.steps, record, submitter, now)
  const people = new Map(
    (await peopleByIds(tx, ctx.ws, [...new Set(plans.flatMap((p) => p.approverIds))])).map((p) => [
      p.id,
      p.name,
    ]),
  )
  return {
    applies: matches(flow.condition, record, now),
    steps: plans.map((p) => ({
      name: p.name,
      applies: p.applies,
      mode: p.mode,
      n: p.n ?? null,
      approverIds: p.approverIds,
      approvers: p.approverIds.map((id) => ({ id, name: people.get(id) ?? '' })),
    })),
  }
}

/**
 * The rules' `start_approval` action: submits a record as its owner would (their permissions and
 * manager), without a request. Registered with the rules module at start.
 */
export const approvalStarterFor =
  (jobs: JobQueue) =>
  async (
    tx: Executor,
    ws: string,
    events: EventSink,
    req: { object: string; recordId: string; submitterId: string },
  ) => {
    const [person] = await peopleByIds(tx, ws, [req.submitterId])
    const principal = person ? await principalByEmail(tx, ws, person.email) : null
    if (!principal)
      throw new AppError('unprocessable', 'no_submitter', "The record's owner is not an active person")
    return submitApproval(
      tx,
      { ws, principal, events },
      { jobs },
      { object: req.object, recordId: req.recordId },
    )
  }

/**
 * Files attached to decisions are read by whoever may see the request (submitter, approvers, delegates,
 * those who see every record of its object); every signed-in person may upload one to attach.
 */
export const approvalFileAccess = {
  read: async (tx: Executor, ctx: Ctx, fileId: string) => {
    const rows = (
      (await tx.execute(sql`
        select distinct approval_id as id from approval_decisions
        where workspace_id = ${ctx.ws} and file_ids @> jsonb_build_array(${fileId}::text)`)) as unknown as {
        rows: { id: string }[]
      }
    ).rows
    const now = new Date()
    for (const r of rows) {
      const a = await findApproval(tx, ctx.ws, r.id)
      if (a && (await visible(tx, ctx, a, now))) return true
    }
    return false
  },
  upload: (ctx: Ctx) => ctx.principal.kind === 'user',
}
