import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { installRuleTemplates } from '../modules/rules'
import type { Lang } from './demo-data'

/**
 * A rule on the demo's custom object (现场拜访 / Site visits): a visit recorded with a poor outcome gives
 * the visit's owner a follow-up task on its account. The seeded visits' events are handled once the seed
 * commits, after the rule exists: the demo's poor visits start with their follow-up tasks.
 */
export async function seedSiteVisitRule(tx: Executor, ctx: Ctx, lang: Lang) {
  const en = lang === 'en'
  await installRuleTemplates(tx, ctx, [
    {
      key: 'demo_site_visit_follow_up',
      rule: {
        name: en ? 'Poor site visit: follow up' : '拜访结果不佳：跟进',
        description: en
          ? 'When a site visit is recorded with a poor outcome, its owner gets a task to follow up with the account.'
          : '记录的现场拜访结果为“不佳”时，给拜访负责人创建跟进客户的任务。',
        trigger: { kind: 'record_created', entity: 'custom:site_visits' },
        conditions: { all: [{ field: 'custom.outcome', op: 'eq', value: 'poor' }] },
        actions: [
          {
            type: 'create_task',
            task: {
              title: en ? 'Follow up the poor visit to {{account.name}}' : '跟进对{{account.name}}的不佳拜访',
              description: en ? 'Visit: {{record.name}}' : '拜访：{{record.name}}',
              assignee: { kind: 'owner' },
              dueInDays: 3,
              priority: 'high',
            },
          },
        ],
      },
    },
  ])
  return 1
}
