import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { listViewCollection } from '../modules/list-views'
import { principalByEmail } from '../modules/users'
import { demoUsers, type Lang } from './demo-data'
import type { TeamKey, UserKey } from './demo-model'

/**
 * Saved list views of the demo (issue 18): the East sales manager shares "strategic accounts" with the
 * whole workspace and "renewals to watch" with the East team; a salesperson keeps a private one.
 */
export async function seedListViewDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  teams: Record<TeamKey, string>,
): Promise<number> {
  const zh = lang === 'zh-CN'
  const as = async (key: UserKey): Promise<Ctx> => {
    const email = demoUsers.find((u) => u.key === key)!.email
    return { ...ctx, principal: (await principalByEmail(tx, ctx.ws, email))! }
  }
  const views: [UserKey, Parameters<typeof listViewCollection.create>[2]][] = [
    [
      'mgrEast',
      {
        name: zh ? '战略客户（全员）' : 'Strategic accounts (everyone)',
        object: 'accounts',
        sort: '-annualSpend',
        filters: { tier: 'strategic' },
        columns: ['name', 'industry', 'annualSpend', 'region', 'lifecycleStage', 'ownerId'],
        sharing: 'workspace',
      },
    ],
    [
      'mgrEast',
      {
        name: zh ? '华东团队：在途商机' : 'East team: open deals',
        object: 'opportunities',
        sort: 'expectedCloseDate',
        filters: { status: 'open' },
        sharing: 'team',
        teamId: teams.east,
      },
    ],
    [
      'salesA',
      {
        name: zh ? '我的高优先级工单' : 'My urgent tickets',
        object: 'tickets',
        sort: '-createdAt',
        filters: { priority: 'urgent,high' },
        sharing: 'private',
      },
    ],
  ]
  for (const [who, view] of views) await listViewCollection.create(tx, await as(who), view)
  return views.length
}
