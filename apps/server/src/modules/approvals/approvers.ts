import type { ApprovalApprover } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { managerOf, peopleByIds, peopleWithRole, teamManagerOf, teamOf } from '../users'

type Row = Record<string, any>

/**
 * The people an approver entry names for one record and submitter, in order: a user (if active), the
 * holders of a role, the submitter's manager up to `levels` levels, or a team's manager (the given team,
 * else the record's team, else the submitter's first team). The submitter never approves their own request.
 */
export async function resolveApprovers(
  tx: Executor,
  ws: string,
  entries: ApprovalApprover[],
  ctx: { submitterId: string; record: Row },
): Promise<string[]> {
  const out: string[] = []
  for (const a of entries) {
    if (a.kind === 'user') out.push(...(await peopleByIds(tx, ws, [a.userId])).map((p) => p.id))
    else if (a.kind === 'role') out.push(...(await peopleWithRole(tx, ws, a.role)).map((p) => p.id))
    else if (a.kind === 'manager') out.push(...(await managerChain(tx, ws, ctx.submitterId, a.levels ?? 1)))
    else {
      const team = a.teamId ?? ctx.record.teamId ?? (await teamOf(tx, ws, ctx.submitterId))
      const m = team ? await teamManagerOf(tx, ws, team) : null
      if (m) out.push(m)
    }
  }
  return [...new Set(out)].filter((id) => id !== ctx.submitterId)
}

/** A person's manager, the manager's manager, … up to `levels`, stopping where nobody manages. */
export async function managerChain(
  tx: Executor,
  ws: string,
  userId: string,
  levels: number,
): Promise<string[]> {
  const chain: string[] = []
  let who = userId
  for (let i = 0; i < levels; i++) {
    const m = await managerOf(tx, ws, who)
    if (!m || m === userId || chain.includes(m)) break
    chain.push(m)
    who = m
  }
  return chain
}
