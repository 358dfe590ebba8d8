import type { ApprovalMode, ApprovalStepStatus } from '@openkam/contract'

/**
 * The pure core of approvals: the steps of a request and how decisions move them. No database and no
 * clock except the `now` passed in, so every rule here is tested as a table (approval-steps.test.ts).
 */

/** One step of a request as stored: resolved approvers, state and times (ISO strings). */
export type StepState = {
  name: string
  mode: ApprovalMode
  n: number | null
  status: ApprovalStepStatus
  approverIds: string[]
  /** Managers added when the deadline passed; their decisions count like the approvers'. */
  escalatedTo: string[]
  deadlineHours: number | null
  startedAt: string | null
  dueAt: string | null
  remindedAt: string | null
  escalatedAt: string | null
  completedAt: string | null
}

export type StepPlan = {
  name: string
  mode: ApprovalMode
  n?: number | null
  deadlineHours?: number | null
  applies: boolean
  approverIds: string[]
}

export type Vote = { approverId: string; decision: 'approve' | 'reject' }

const HOUR = 3_600_000

/** The steps of a new request: those whose condition fails are skipped; the first that applies starts now. */
export function planSteps(plans: StepPlan[], now: Date): { steps: StepState[]; current: number | null } {
  const steps: StepState[] = plans.map((p) => ({
    name: p.name,
    mode: p.mode,
    n: p.mode === 'n_of_m' ? (p.n ?? 1) : null,
    status: p.applies ? 'waiting' : 'skipped',
    approverIds: [...new Set(p.approverIds)],
    escalatedTo: [],
    deadlineHours: p.deadlineHours ?? null,
    startedAt: null,
    dueAt: null,
    remindedAt: null,
    escalatedAt: null,
    completedAt: null,
  }))
  return startNext(steps, -1, now)
}

/** Starts the first waiting step after `after`; `current` is null when none is left (the request is approved). */
export function startNext(
  steps: StepState[],
  after: number,
  now: Date,
): { steps: StepState[]; current: number | null } {
  const next = steps.findIndex((s, i) => i > after && s.status === 'waiting')
  if (next < 0) return { steps, current: null }
  const s = steps[next]!
  steps[next] = {
    ...s,
    status: 'pending',
    startedAt: now.toISOString(),
    dueAt: s.deadlineHours ? new Date(now.getTime() + s.deadlineHours * HOUR).toISOString() : null,
  }
  return { steps, current: next }
}

/** How many approvals complete a step: all of its approvers, one, or n of them (never more than there are). */
export function required(step: Pick<StepState, 'mode' | 'n' | 'approverIds'>): number {
  if (step.mode === 'any') return 1
  if (step.mode === 'n_of_m') return Math.min(step.n ?? 1, step.approverIds.length)
  return step.approverIds.length
}

/** A step's outcome from its votes: any rejection rejects; enough approvals approve; else it waits. */
export function tally(step: StepState, votes: Vote[]): 'approved' | 'rejected' | 'pending' {
  const counted = new Set([...step.approverIds, ...step.escalatedTo])
  const mine = votes.filter((v) => counted.has(v.approverId))
  if (mine.some((v) => v.decision === 'reject')) return 'rejected'
  const approvals = new Set(mine.filter((v) => v.decision === 'approve').map((v) => v.approverId)).size
  return approvals >= required(step) ? 'approved' : 'pending'
}

/**
 * For whom `userId` decides on a step: themselves when they are an approver who has not decided, else an
 * undecided approver who delegated to them (`delegates`: approver → delegate active now). Null: they may not.
 */
export function actingFor(
  step: StepState,
  decided: Set<string>,
  userId: string,
  delegates: Map<string, string>,
): string | null {
  const approvers = [...step.approverIds, ...step.escalatedTo]
  if (approvers.includes(userId) && !decided.has(userId)) return userId
  for (const a of approvers) if (!decided.has(a) && delegates.get(a) === userId) return a
  return null
}

/** Everyone who may decide the step now: undecided approvers and the delegates acting for them. */
export function deciders(step: StepState, decided: Set<string>, delegates: Map<string, string>): string[] {
  const out = new Set<string>()
  for (const a of [...step.approverIds, ...step.escalatedTo]) {
    if (decided.has(a)) continue
    out.add(a)
    const d = delegates.get(a)
    if (d) out.add(d)
  }
  return [...out]
}

/** The reminder falls when 75% of the step's time has passed (once). */
export function reminderDue(step: StepState, now: Date): boolean {
  if (step.status !== 'pending' || !step.dueAt || !step.startedAt || step.remindedAt) return false
  const start = Date.parse(step.startedAt)
  const due = Date.parse(step.dueAt)
  return now.getTime() >= start + 0.75 * (due - start) && now.getTime() < due
}

/** Escalation falls once the deadline has passed (once). */
export function escalationDue(step: StepState, now: Date): boolean {
  return (
    step.status === 'pending' && !!step.dueAt && !step.escalatedAt && now.getTime() >= Date.parse(step.dueAt)
  )
}
