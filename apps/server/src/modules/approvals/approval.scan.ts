import { systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { collectionOf } from '../fields'
import { managerOf } from '../users'
import { escalationDue, reminderDue } from './approval-steps'
import { approvalTexts, recordWords } from './approval-texts'
import { tellApprovers } from './approval-link.service'
import { approvalViews, describeObject } from './approval-view'
import { decisionsOf, lockApproval, pendingWithDeadline, saveApproval } from './approval.repository'
import { notify, workspaceLocale } from '../notifications'

type Row = Record<string, any>

async function tellAbout(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  userIds: string[],
  text: { subject: string; body: string },
  id: string,
) {
  if (!userIds.length) return
  await notify(tx, ws, jobs, {
    userIds,
    channels: ['in_app', 'email'],
    subject: text.subject,
    body: text.body,
    link: `/approvals/${id}`,
    relatedType: 'approval',
    relatedId: id,
  })
}

/**
 * One request's current step against the clock, at most once each: at 75% of its time the undecided
 * approvers get a reminder; past its deadline the step escalates — the undecided approvers' managers
 * become approvers of it too, are told, and `approval.overdue` is raised.
 */
async function scanOne(tx: Executor, events: EventSink, jobs: JobQueue, ws: string, id: string, now: Date) {
  const a = await lockApproval(tx, ws, id)
  if (!a || a.status !== 'pending' || a.currentStep == null) return null
  const i = a.currentStep
  const step = a.steps[i]!
  const remind = reminderDue(step, now)
  const escalate = escalationDue(step, now)
  if (!remind && !escalate) return null
  const decided = new Set(
    (await decisionsOf(tx, ws, [a.id])).filter((d) => d.step === i).map((d) => d.approverId),
  )
  const undecided = [...step.approverIds, ...step.escalatedTo].filter((p) => !decided.has(p))
  const ctx: Ctx = { ws, principal: systemPrincipal(ws), events }
  const lang = (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)
  const desc = await describeObject(tx, ws, a.object, lang)
  const rec = (await collectionOf(a.object)
    .getAny(tx, ctx, a.recordId)
    .catch(() => null)) as Row | null
  const what = recordWords(
    lang,
    desc.label,
    rec ? String(rec[desc.titleField] ?? rec.name ?? '') || null : null,
  )
  const steps = a.steps.map((s) => ({ ...s }))
  if (escalate) {
    const managers: string[] = []
    for (const p of undecided) {
      const m = await managerOf(tx, ws, p)
      if (m && m !== a.submittedBy && !step.approverIds.includes(m) && !managers.includes(m)) managers.push(m)
    }
    steps[i] = {
      ...step,
      escalatedAt: now.toISOString(),
      remindedAt: step.remindedAt ?? now.toISOString(),
      escalatedTo: [...step.escalatedTo, ...managers],
    }
    await saveApproval(tx, ws, a.id, { steps })
    const view = (await approvalViews(tx, ws, [{ ...a, steps, version: a.version + 1 }], now))[0]!
    await recordAudit(tx, ctx, [
      {
        action: 'escalate',
        entityType: 'approval',
        entityId: a.id,
        after: { step: step.name, escalatedTo: managers },
      },
    ])
    await events.emit(tx, ctx, [
      {
        type: 'approval.overdue',
        entityType: 'approval',
        entityId: a.id,
        payload: { approval: view, step: i, escalatedTo: managers },
      },
    ])
    await tellApprovers(tx, ws, jobs, managers, approvalTexts.escalated(lang, what, step.name), a.id, i, now)
    return 'escalated' as const
  }
  steps[i] = { ...step, remindedAt: now.toISOString() }
  await saveApproval(tx, ws, a.id, { steps })
  await tellAbout(tx, ws, jobs, undecided, approvalTexts.reminder(lang, what, step.name, step.dueAt!), a.id)
  return 'reminded' as const
}

/** Reminders and escalations of every pending step with a deadline (each request in its own transaction). */
export async function scanApprovalDeadlines(
  db: Db,
  events: EventSink,
  jobs: JobQueue,
  ws?: string,
  now = new Date(),
) {
  const out = { reminded: 0, escalated: 0 }
  for (const r of await pendingWithDeadline(db, ws)) {
    const done = await db.transaction((tx) => scanOne(tx, events, jobs, r.workspaceId, r.id, now))
    if (done) out[done]++
  }
  return out
}
