import { sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import type { JobQueue } from '../core/jobs/jobs'
import { decideApproval, recallApproval, scanApprovalDeadlines, submitApproval } from '../modules/approvals'
import { principalByEmail, teamCollection } from '../modules/users'
import { demoUsers, type Lang } from './demo-data'
import type { UserKey } from './demo-model'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const noQueue: JobQueue = { send: async () => undefined, sendMany: async () => undefined }

type Contract = { id: string; ownerId: string; amount: string; status: string }

/**
 * Contract approvals in every state (SPEC R-19), played through the approval engine with the clock set
 * back: waiting for a manager, waiting for finance after the manager approved (one with non-standard terms,
 * so legal follows), approved by every step, rejected with a reason, recalled, overdue and escalated to the
 * managers' manager, and one decided by a delegate. The directors report to the chief executive (a
 * "Leadership" team), so escalation has somewhere to go.
 */
export async function seedApprovalDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  users: Record<UserKey, string>,
  now = new Date(),
): Promise<number> {
  const en = lang === 'en'
  await teamCollection.create(tx, ctx, {
    name: en ? 'Leadership' : '管理层',
    description: en ? 'The sales directors and the chief executive' : '销售总监与首席执行官',
    managerId: users.exec,
    memberIds: [users.exec, users.mgrEast, users.mgrNorth],
  })
  const as = async (key: UserKey): Promise<Ctx> => {
    const email = demoUsers.find((u) => u.key === key)!.email
    return { ws: ctx.ws, principal: (await principalByEmail(tx, ctx.ws, email))!, events: ctx.events }
  }
  const rows = (
    (await tx.execute(sql`
      select id, owner_id as "ownerId", amount::text as amount, status from contracts
      where workspace_id = ${ctx.ws} and deleted_at is null and status in ('draft', 'pending_approval')
      order by amount desc, number`)) as unknown as { rows: Contract[] }
  ).rows
  const ownerKey = (c: Contract) => (Object.keys(users) as UserKey[]).find((k) => users[k] === c.ownerId)
  const sellers = new Set<UserKey>(['salesA', 'salesB', 'salesC', 'salesD'])
  const pool = rows.filter((c) => sellers.has(ownerKey(c)!))
  const big = pool.filter((c) => Number(c.amount) >= 1_000_000)
  const small = pool.filter((c) => Number(c.amount) < 1_000_000)
  const take = (list: Contract[], east: boolean) => {
    const i = list.findIndex((c) => ['salesA', 'salesB'].includes(ownerKey(c)!) === east)
    return i < 0 ? undefined : list.splice(i, 1)[0]
  }
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const deps = { jobs: noQueue }
  let count = 0
  const submit = async (c: Contract | undefined, days: number) => {
    if (!c) return null
    const a = await submitApproval(
      tx,
      await as(ownerKey(c)!),
      deps,
      { object: 'contracts', recordId: c.id },
      ago(days),
    )
    count++
    return a
  }
  const decide = (id: string, who: UserKey, decision: 'approve' | 'reject', days: number, comment?: string) =>
    as(who).then((c) =>
      decideApproval(tx, c, deps, id, { decision, ...(comment ? { comment } : {}) }, ago(days)),
    )

  // Waiting for the manager, submitted yesterday.
  await submit(take(small, true) ?? take(small, false), 1)
  // Waiting for finance: the director approved; non-standard terms, so legal comes after finance.
  const toFinance = take(big, true)
  if (toFinance) {
    await tx.execute(
      sql`update contracts set non_standard_terms = true where workspace_id = ${ctx.ws} and id = ${toFinance.id}`,
    )
    const a = await submit(toFinance, 3)
    if (a) await decide(a.id, 'mgrEast', 'approve', 2, en ? 'Margin is fine.' : '毛利符合要求。')
  }
  // Approved by the director and by finance.
  const done = await submit(take(big, false) ?? take(big, true), 10)
  if (done) {
    await decide(done.id, 'mgrNorth', 'approve', 9)
    if (done.steps[1]?.status === 'waiting')
      await decide(done.id, 'finance', 'approve', 8, en ? 'Payment terms checked.' : '付款条件已核对。')
  }
  // Rejected with a reason: back to draft.
  const no = await submit(take(small, false), 6)
  if (no)
    await decide(
      no.id,
      'mgrNorth',
      'reject',
      5,
      en ? 'The discount is beyond my authority: rework the price.' : '折扣超出我的审批权限，请重新报价。',
    )
  // Recalled by the salesperson to change the dates.
  const back = await submit(take(small, true), 4)
  if (back)
    await recallApproval(
      tx,
      await as(ownerKey(rows.find((r) => r.id === back.recordId)!)!),
      back.id,
      ago(3.5),
    )
  // Overdue: waiting for the director for four days (48 hours allowed) — escalated to the chief executive.
  const late = await submit(take(small, true) ?? take(small, false), 4)
  if (late) await scanApprovalDeadlines(tx as any, ctx.events, noQueue, ctx.ws, now)
  // Delegated: the north director is away this week; the east director decides for them.
  const away = await as('mgrNorth')
  await tx.execute(sql`
    insert into approval_delegations (workspace_id, user_id, to_user_id, starts_at, ends_at)
    values (${ctx.ws}, ${away.principal.userId}, ${users.mgrEast}, ${ago(2)}, ${new Date(now.getTime() + 5 * DAY)})`)
  const delegated = await submit(take(small, false), 1)
  if (delegated)
    await decide(
      delegated.id,
      'mgrEast',
      'approve',
      0.5,
      en ? 'Approved while Lei is away.' : '赵磊休假期间代为审批。',
    )
  return count
}
