import type { ticketPriorities, ticketTypes } from '@openkam/contract'
import {
  baseRow,
  presentOn,
  workMinute,
  type AccountPlan,
  type ContractPlan,
  type DealPlan,
  type Gen,
  type PaymentRow,
  type TaskRow,
  type TicketRow,
  type UserKey,
} from './demo-model'
import { fill } from './demo-random'
import { taskTitles, ticketBody, ticketExpectations, ticketScopes, ticketSubjects } from './demo-text'

type TicketType = (typeof ticketTypes)[number]
type Priority = (typeof ticketPriorities)[number]

const ticketsPerYear = { strategic: [6, 9], growth: [3, 6], essential: [1, 3] } as const

/**
 * A year of service tickets for the customers, handled by their CSM: older ones resolved or closed
 * (most with a satisfaction score), recent ones new, open or pending.
 */
export function buildTickets(g: Gen, accounts: AccountPlan[]): TicketRow[] {
  const { rng, clock } = g
  const out: TicketRow[] = []
  for (const a of accounts) {
    if (!a.customer) continue
    const [lo, hi] = ticketsPerYear[a.tier]
    const from = Math.max(a.sinceDay! + 15, -365)
    if (from > -1) continue
    const n = Math.round(rng.int(lo, hi) * ((-1 - from) / 365))
    const csm: UserKey = a.csm ?? (a.team === 'east' ? 'csmA' : 'csmB')
    for (let i = 0; i < n; i++) {
      const day = rng.int(from, -1)
      const type = rng.weighted<TicketType>([
        ['question', 35],
        ['incident', 25],
        ['feature_request', 18],
        ['complaint', 12],
        ['problem', 10],
      ])
      const priority = rng.weighted<Priority>([
        ['low', 25],
        ['normal', 45],
        ['high', 22],
        ['urgent', 8],
      ])
      const age = -day
      const status =
        age > 21
          ? rng.weighted([
              ['closed', 60],
              ['resolved', 35],
              ['pending', 5],
            ])
          : rng.weighted([
              ['new', 25],
              ['open', 35],
              ['pending', 20],
              ['resolved', 20],
            ])
      const done = status === 'resolved' || status === 'closed'
      const created = clock.at(day, workMinute(g))
      const days = rng.int(0, Math.max(0, Math.min(age - 1, 10)))
      const resolvedAt = !done
        ? null
        : days === 0
          ? new Date(created.getTime() + rng.int(20, 300) * 60_000)
          : clock.at(day + days, workMinute(g))
      const present = presentOn(a, day)
      const contact = present.find((c) => c.row.buyingRole === 'user' && rng.chance(0.6)) ?? rng.pick(present)
      const subject = g.tr(rng.pick(ticketSubjects[type]))
      const good = type === 'complaint' ? 0.4 : 1
      out.push(
        Object.assign(
          baseRow(
            g,
            g.users[csm],
            created,
            resolvedAt ?? clock.at(Math.min(-1, day + rng.int(0, 3)), 17 * 60),
          ),
          {
            accountId: a.row.id,
            contactId: contact?.row.id ?? null,
            type,
            priority,
            subject,
            body: fill(g.tr(ticketBody), {
              contact: contact?.row.name ?? '',
              subject,
              scope: g.tr(rng.pick(ticketScopes)),
              expect: g.tr(rng.pick(ticketExpectations)),
            }),
            status,
            assigneeId: g.users[csm],
            teamId: g.teams[a.team],
            satisfaction:
              done && rng.chance(0.85)
                ? rng.weighted([
                    [1, 5 / good],
                    [2, 8 / good],
                    [3, 17],
                    [4, 35 * good],
                    [5, 35 * good],
                  ])
                : null,
            channel: rng.weighted([
              ['portal', 35],
              ['email', 25],
              ['phone', 25],
              ['chat', 10],
              ['onsite', 5],
            ]),
            resolvedAt,
          },
        ),
      )
    }
  }
  return out
}

type TaskSource = 'manual' | 'rule' | 'playbook' | 'sop'
type Candidate = {
  title: string
  assignee: UserKey
  account: AccountPlan
  relatedType: 'account' | 'opportunity' | 'contract' | 'ticket'
  relatedId: string
  priority: Priority
  source: TaskSource
}

/**
 * Work for the demo people: about forty open tasks due around today (renewal checks, overdue payments,
 * quotes and demos for deals, urgent tickets, contract reviews, discount approvals, account reviews),
 * and some done or cancelled ones in the past.
 */
export function buildTasks(
  g: Gen,
  x: {
    accounts: AccountPlan[]
    deals: DealPlan[]
    contracts: ContractPlan[]
    payments: PaymentRow[]
    tickets: TicketRow[]
  },
): TaskRow[] {
  const { rng, clock } = g
  const byId = new Map(x.accounts.map((a) => [a.row.id, a]))
  const open = (stage: string) => x.deals.filter((d) => d.row.status === 'open' && d.row.stage === stage)
  const manager = (a: AccountPlan): UserKey => (a.team === 'east' ? 'mgrEast' : 'mgrNorth')
  const title = (tpl: keyof typeof taskTitles, vars: Record<string, string>) =>
    fill(g.tr(taskTitles[tpl]), vars)
  const pools: [Candidate[], number][] = [
    [
      x.contracts
        .filter((c) => c.main && c.row.status === 'active' && c.endDay <= 90)
        .map((c) => ({
          title: title('renewal', { company: c.account.short }),
          assignee: c.account.csm ?? c.account.owner,
          account: c.account,
          relatedType: 'contract',
          relatedId: c.row.id,
          priority: 'high',
          source: 'rule',
        })),
      8,
    ],
    [
      x.payments
        .filter((p) => p.status === 'overdue')
        .map((p) => ({
          title: title('overdue', { number: p.number }),
          assignee: 'finance',
          account: byId.get(p.accountId)!,
          relatedType: 'contract',
          relatedId: p.contractId!,
          priority: 'high',
          source: 'rule',
        })),
      6,
    ],
    ...(
      [
        ['negotiation', 'quote', 7, 'sop'],
        ['solution', 'demo', 5, 'sop'],
        ['negotiation', 'discount', 3, 'manual'],
      ] as const
    ).map(([stage, tpl, count, source]): [Candidate[], number] => [
      open(stage).map((d) => ({
        title: title(tpl, { opp: d.row.name }),
        assignee: tpl === 'demo' ? 'presales' : tpl === 'discount' ? manager(d.account) : d.account.owner,
        account: d.account,
        relatedType: 'opportunity',
        relatedId: d.row.id,
        priority: tpl === 'discount' ? 'high' : 'normal',
        source,
      })),
      count,
    ]),
    [
      x.tickets
        .filter((t) => (t.status === 'new' || t.status === 'open') && t.priority !== 'low')
        .map((t) => ({
          title: title('ticket', { subject: t.subject }),
          assignee: byId.get(t.accountId)!.csm ?? 'csmA',
          account: byId.get(t.accountId)!,
          relatedType: 'ticket',
          relatedId: t.id,
          priority: t.priority === 'urgent' ? 'urgent' : 'high',
          source: 'rule',
        })),
      5,
    ],
    [
      x.contracts
        .filter((c) => c.row.status === 'pending_approval')
        .map((c) => ({
          title: title('legal', { number: c.row.number }),
          assignee: 'legal',
          account: c.account,
          relatedType: 'contract',
          relatedId: c.row.id,
          priority: 'normal',
          source: 'manual',
        })),
      3,
    ],
    ...(
      [
        ['review', 'exec', 2],
        ['health', 'csm', 3],
      ] as const
    ).map(([tpl, who, count]): [Candidate[], number] => [
      x.accounts
        .filter((a) => (who === 'exec' ? a.tier === 'strategic' : a.customer && a.csm))
        .map((a) => ({
          title: title(tpl, { company: a.short }),
          assignee: who === 'exec' ? 'exec' : a.csm!,
          account: a,
          relatedType: 'account',
          relatedId: a.row.id,
          priority: 'normal',
          source: who === 'exec' ? 'manual' : 'playbook',
        })),
      count,
    ]),
  ]
  const out: TaskRow[] = []
  const task = (c: Candidate, dueDay: number, status: 'open' | 'done' | 'cancelled') => {
    const user = g.users[c.assignee]
    const createdDay = Math.min(-1, dueDay - rng.int(3, 20))
    const doneAt = status === 'done' ? clock.at(Math.min(-1, dueDay - rng.int(0, 2)), workMinute(g)) : null
    out.push(
      Object.assign(
        baseRow(g, user, clock.at(createdDay, workMinute(g)), doneAt ?? clock.at(createdDay, 18 * 60)),
        {
          title: c.title,
          description: null,
          assigneeId: user,
          assigneeRole: null,
          accountId: c.account.row.id,
          relatedType: c.relatedType,
          relatedId: c.relatedId,
          dueAt: clock.at(dueDay, 18 * 60),
          priority: c.priority,
          status,
          source: c.source,
          completedAt: doneAt,
        },
      ),
    )
  }
  for (const [pool, count] of pools) {
    const picked = rng.sample(pool, count + 2)
    picked.slice(0, count).forEach((c) => task(c, rng.int(-6, 14), 'open'))
    picked
      .slice(count)
      .forEach((c, i) => task(c, -rng.int(5, 60), i === 0 && count > 4 ? 'cancelled' : 'done'))
  }
  return out
}
