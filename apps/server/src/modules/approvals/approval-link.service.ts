import { createHash, randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { ApprovalLinkView } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { enabledRobots, notify } from '../notifications'
import { peopleByIds, principalByEmail } from '../users'
import { approvalViews, describeObject } from './approval-view'
import { findApproval } from './approval.repository'
import { approvalLinks } from './approval.table'

const HOUR = 3_600_000
/** How long an e-mailed decision link works. */
export const LINK_HOURS = 72

/** Only the hash of a token is stored; a leaked table decides nothing. */
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * Tells approvers a step waits for them: in the app and the workspace's robots (WeCom, DingTalk, Feishu)
 * with a link to the request, and by e-mail with a
 * signed, single-use link of their own that opens their decision without signing in (`/approve/<token>`).
 */
export async function tellApprovers(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  userIds: string[],
  text: { subject: string; body: string },
  approvalId: string,
  step: number,
  now = new Date(),
) {
  if (!userIds.length) return
  const common = { subject: text.subject, body: text.body, relatedType: 'approval', relatedId: approvalId }
  // In the app, and in the group robots the workspace uses (mentioning them), with the request's page.
  const channels = ['in_app' as const, ...(await enabledRobots(tx, ws))]
  await notify(tx, ws, jobs, { ...common, userIds, channels, link: `/approvals/${approvalId}` })
  for (const userId of userIds) {
    const token = randomBytes(32).toString('base64url')
    await tx.insert(approvalLinks).values({
      tokenHash: hashOf(token),
      workspaceId: ws,
      approvalId,
      step,
      userId,
      expiresAt: new Date(now.getTime() + LINK_HOURS * HOUR),
    })
    await notify(tx, ws, jobs, {
      ...common,
      userIds: [userId],
      channels: ['email'],
      link: `/approve/${token}`,
    })
  }
}

/** The link of a token, or why it no longer works: 404 unknown; 410 used, expired, or its step is over. */
async function usable(tx: Executor, token: string, lock: boolean, now: Date) {
  const q = tx
    .select()
    .from(approvalLinks)
    .where(eq(approvalLinks.tokenHash, hashOf(token)))
  const [link] = lock ? await q.for('update') : await q
  if (!link)
    throw new AppError(
      'not_found',
      'approval_link_not_found',
      'This approval link is not valid: check that it was copied completely',
    )
  const a = await findApproval(tx, link.workspaceId, link.approvalId)
  if (!a) throw new AppError('not_found', 'approval_link_not_found', 'This approval link is not valid')
  if (link.usedAt)
    throw new AppError(
      'gone',
      'approval_link_used',
      'This link was already used: open the approval in OpenKAM to see where it stands',
    )
  if (link.expiresAt.getTime() <= now.getTime())
    throw new AppError(
      'gone',
      'approval_link_expired',
      'This link expired: open the approval in OpenKAM to decide it',
    )
  if (a.status !== 'pending' || a.currentStep !== link.step)
    throw new AppError(
      'gone',
      'approval_link_stale',
      `This approval is no longer waiting for this step (it is ${a.status})`,
    )
  return { link, approval: a }
}

/** What a decision link shows (public, no sign-in). */
export async function approvalByLink(
  tx: Executor,
  token: string,
  now = new Date(),
): Promise<ApprovalLinkView> {
  const { link, approval: a } = await usable(tx, token, false, now)
  const [view] = await approvalViews(tx, link.workspaceId, [a], now)
  const ids = [a.submittedBy, link.userId, ...view!.steps.flatMap((s) => s.decisions.map((d) => d.userId))]
  const names = new Map(
    (await peopleByIds(tx, link.workspaceId, [...new Set(ids)])).map((p) => [p.id, p.name]),
  )
  const desc = await describeObject(tx, link.workspaceId, a.object, 'zh-CN')
  const descEn = await describeObject(tx, link.workspaceId, a.object, 'en')
  return {
    approvalId: a.id,
    flowName: a.flowName,
    object: a.object,
    objectLabel: `${descEn.label} / ${desc.label}`,
    recordName: view!.recordName,
    stepName: a.steps[link.step]!.name,
    approverName: names.get(link.userId) ?? '',
    submitterName: names.get(a.submittedBy) ?? '',
    submittedAt: a.submittedAt.toISOString(),
    status: a.status as ApprovalLinkView['status'],
    expiresAt: link.expiresAt.toISOString(),
    decisions: view!.steps.flatMap((s) =>
      s.decisions.map((d) => ({
        step: s.name,
        name: names.get(d.userId) ?? '',
        decision: d.decision,
        comment: d.comment,
        at: d.at,
      })),
    ),
  }
}

/**
 * Decides through a link as its approver (the link is used up in the same transaction): the same checks as
 * in the app — they must still be an approver of the waiting step; a rejection needs a comment.
 */
export async function decideByLink(
  tx: Executor,
  events: EventSink,
  decide: (tx: Executor, ctx: Ctx, id: string) => Promise<unknown>,
  token: string,
  now = new Date(),
) {
  const { link, approval } = await usable(tx, token, true, now)
  const [person] = await peopleByIds(tx, link.workspaceId, [link.userId])
  const principal = person ? await principalByEmail(tx, link.workspaceId, person.email) : null
  if (!principal)
    throw new AppError('gone', 'approval_link_stale', 'The person this link was sent to is no longer active')
  await tx
    .update(approvalLinks)
    .set({ usedAt: now })
    .where(and(eq(approvalLinks.tokenHash, link.tokenHash), eq(approvalLinks.workspaceId, link.workspaceId)))
  await decide(tx, { ws: link.workspaceId, principal, events }, approval.id)
}
