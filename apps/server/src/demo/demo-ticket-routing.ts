import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { routingRuleCollection } from '../modules/tickets'
import { teamCollection } from '../modules/users'
import type { Lang } from './demo-data'
import type { UserKey } from './demo-model'

/**
 * The demo's service desk routing: a customer service team (the two CSMs and the solutions consultant,
 * led by the first CSM) and three rules — urgent incidents of strategic accounts go round the team,
 * complaints go to the team's lead, everything else to whoever in the team has the fewest open tickets.
 * Seeded before the scenes that open tickets, so those are routed as any new ticket is.
 */
export async function seedTicketRoutingDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  users: Record<UserKey, string>,
): Promise<number> {
  const en = lang === 'en'
  const team = await teamCollection.create(tx, ctx, {
    name: en ? 'Customer Service' : '客户服务部',
    description: en
      ? 'Answers the customers’ tickets: support, incidents and complaints'
      : '处理客户工单：技术支持、故障与投诉',
    managerId: users.csmA,
    memberIds: [users.csmA, users.csmB, users.presales],
  })
  const rules = [
    {
      name: en ? 'Urgent incidents of strategic accounts' : '战略客户的紧急故障',
      condition: {
        all: [
          { field: 'type', op: 'eq', value: 'incident' },
          { field: 'priority', op: 'in', value: ['urgent', 'high'] },
          { field: 'account.tier', op: 'eq', value: 'strategic' },
        ],
      },
      assign: { kind: 'team', teamId: team.id, strategy: 'round_robin' },
    },
    {
      name: en ? 'Complaints to the service lead' : '投诉交由客服负责人',
      condition: { all: [{ field: 'type', op: 'eq', value: 'complaint' }] },
      assign: { kind: 'user', userId: users.csmA, teamId: team.id },
    },
    {
      name: en ? 'Everything else: fewest open tickets' : '其他工单：未结工单最少者',
      condition: {},
      assign: { kind: 'team', teamId: team.id, strategy: 'least_open' },
    },
  ]
  for (const r of rules) await routingRuleCollection.create(tx, ctx, { ...r, enabled: true })
  return rules.length
}
