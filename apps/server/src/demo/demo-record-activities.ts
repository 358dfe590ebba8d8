import type { ActivityRow, ContractRow, Gen, LeadRow } from './demo-model'
import { baseRow, workMinute } from './demo-model'
import type { T } from './demo-random'
import { HISTORY_DAYS } from './demo-activities'

const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })

const leadSteps: readonly {
  kind: 'call' | 'email' | 'note'
  subject: T
  body: T | null
  minutes: number | null
}[] = [
  {
    kind: 'call',
    subject: t('首次电话：了解需求与预算', 'First call: needs and budget'),
    body: t(
      '对方正在比较两家供应商，预算在下季度批复；约了下周演示。',
      'Comparing two suppliers, budget approved next quarter; a demo booked for next week.',
    ),
    minutes: 20,
  },
  {
    kind: 'email',
    subject: t('发送产品资料与案例', 'Sent the brochure and a customer story'),
    body: null,
    minutes: null,
  },
  {
    kind: 'note',
    subject: t(
      '决策人是运营副总，采购流程约六周',
      'The decision maker is the VP of operations; purchasing takes about six weeks',
    ),
    body: null,
    minutes: null,
  },
  {
    kind: 'call',
    subject: t('跟进电话：确认演示时间', 'Follow-up call: demo time confirmed'),
    body: null,
    minutes: 10,
  },
]

const contractSteps: readonly { kind: 'meeting' | 'note'; subject: T; body?: T; minutes: number | null }[] = [
  {
    kind: 'meeting',
    subject: t('合同条款评审（法务参加）', 'Contract terms review with legal'),
    body: t(
      '逐条确认了服务范围、验收标准与违约责任；对方要求付款周期改为60天，待财务回复。',
      'Went through the scope, acceptance criteria and liability clause by clause; the customer asked for 60-day payment terms, pending finance.',
    ),
    minutes: 60,
  },
  {
    kind: 'note',
    subject: t(
      '客户确认付款节点与发票抬头',
      'The customer confirmed the payment milestones and invoice title',
    ),
    minutes: null,
  },
]

type Step = {
  kind: 'call' | 'email' | 'note' | 'meeting'
  subject: T
  body?: T | null
  minutes: number | null
}

/** One activity about a record (`relatedType`/`relatedId`), on the given account and deal if any. */
function row(
  g: Gen,
  step: Step,
  at: Date,
  owner: string,
  on: { accountId: string | null; opportunityId: string | null },
  relatedType: string,
  relatedId: string,
): ActivityRow {
  return Object.assign(baseRow(g, owner, at), {
    ...on,
    contactIds: [],
    kind: step.kind,
    subject: g.tr(step.subject),
    body: step.body ? g.tr(step.body) : null,
    occurredAt: at,
    durationMinutes: step.minutes,
    location: null,
    relatedType,
    relatedId,
  })
}

/**
 * Activities about records other than the account (issue 18): calls and e-mails on the leads being worked
 * (no account yet: they move to the account when the lead converts), and the negotiation of a third of the
 * contracts, on their account too. Their pages show them in their activity card.
 */
export function buildRecordActivities(g: Gen, leads: LeadRow[], contracts: ContractRow[]): ActivityRow[] {
  const { rng, clock } = g
  const out: ActivityRow[] = []
  const now = clock.at(0).getTime()
  const dayOf = (d: Date) => Math.floor((d.getTime() - now) / 86_400_000)
  for (const lead of leads) {
    if (!lead.ownerId || (lead.status !== 'working' && lead.status !== 'qualified')) continue
    const first = dayOf(lead.createdAt!)
    const n = lead.status === 'qualified' ? rng.int(2, 4) : rng.int(1, 2)
    for (let i = 0; i < n; i++) {
      const step = leadSteps[i]!
      const at = clock.at(Math.min(-1, first + 1 + i * rng.int(2, 6)), workMinute(g))
      out.push(row(g, step, at, lead.ownerId, { accountId: null, opportunityId: null }, 'lead', lead.id))
    }
  }
  contracts.forEach((c, i) => {
    if (i % 3 !== 0 || !c.ownerId) return
    const signed = c.signedDate ?? c.startDate
    const day = signed ? Math.min(-1, dayOf(new Date(`${signed}T12:00:00+08:00`)) - rng.int(3, 15)) : -30
    // Within the demo's eighteen months of history.
    if (day < -HISTORY_DAYS + 5) return
    for (const [k, step] of contractSteps.entries()) {
      const at = clock.at(Math.min(-1, day + k * 2), workMinute(g))
      const on = { accountId: c.accountId, opportunityId: c.opportunityId ?? null }
      out.push(row(g, step, at, c.ownerId, on, 'contract', c.id))
    }
  })
  return out
}
