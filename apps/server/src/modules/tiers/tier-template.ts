import type { RuleCreate } from '@openkam/contract'
import type { z } from 'zod'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { installRuleTemplates } from '../rules'

type Lang = 'zh-CN' | 'en'
type RuleInput = z.input<typeof RuleCreate>
type Action = RuleInput['actions'][number]

const task = (
  title: string,
  dueInDays: number,
  priority: 'high' | 'normal',
  description?: string,
): Action => ({
  type: 'create_task',
  task: { title, description, assignee: { kind: 'owner' }, dueInDays, priority },
})

/**
 * The service-package tasks of each tier (SPEC R-04), as rules every workspace starts with and
 * administrators edit in Settings → Automation. They react to the account's `tier` changing — which the
 * tier evaluation (or an override) does once per change — so each change creates its package's tasks
 * once.
 * Tasks go to the account's owner, so that an account without a CSM yet still gets them.
 */
export const tierRuleTemplates = (l: Lang): { key: string; rule: RuleInput }[] => [
  {
    key: 'tier_strategic_package',
    rule: {
      name: l === 'en' ? 'Strategic tier: form the 1+N team' : '升级为战略客户：组建 1+N 服务团队',
      description:
        l === 'en'
          ? 'When an account becomes strategic (by spend, as an industry leader or by override), its owner forms the 1+N team: a dedicated CSM plus product, engineering and industry experts.'
          : '客户成为战略客户（按年度采购额、行业龙头或人工调整）时，负责人组建 1+N 服务团队：专属客户成功经理 + 产品、技术、行业专家。',
      trigger: { kind: 'field_changed', entity: 'account', field: 'tier', to: 'strategic' },
      conditions: { all: [] },
      actions: [
        task(
          l === 'en' ? 'Form the 1+N team for {{record.name}}' : '为 {{record.name}} 组建 1+N 服务团队',
          5,
          'high',
          l === 'en'
            ? 'A dedicated CSM plus product, engineering and industry experts; agree who covers which role.'
            : '专属客户成功经理 + 产品、技术、行业专家；明确每个角色的负责人。',
        ),
        task(
          l === 'en' ? 'Kick-off meeting with {{record.name}}' : '与 {{record.name}} 召开启动会',
          14,
          'normal',
        ),
        task(
          l === 'en'
            ? 'Plan the first quarterly business review with {{record.name}}'
            : '规划与 {{record.name}} 的首次季度业务复盘',
          14,
          'normal',
        ),
      ],
    },
  },
  {
    key: 'tier_growth_package',
    rule: {
      name:
        l === 'en'
          ? 'Growth tier: standard package and quarterly review'
          : '成长客户：标准服务包与季度需求回顾',
      description:
        l === 'en'
          ? 'When an account enters the growth tier, its owner introduces the standard service package and schedules the quarterly needs review.'
          : '客户进入成长层级时，负责人介绍标准服务包，并安排季度需求回顾。',
      trigger: { kind: 'field_changed', entity: 'account', field: 'tier', to: 'growth' },
      conditions: { all: [] },
      actions: [
        task(
          l === 'en'
            ? 'Introduce the standard service package to {{record.name}}'
            : '向 {{record.name}} 介绍标准服务包',
          7,
          'normal',
        ),
        task(
          l === 'en'
            ? 'Schedule the quarterly needs review with {{record.name}}'
            : '与 {{record.name}} 约定季度需求回顾',
          14,
          'normal',
        ),
      ],
    },
  },
  {
    key: 'tier_essential_package',
    rule: {
      name: l === 'en' ? 'Essential tier: move to self-service' : '降为基础客户：转入自助服务',
      description:
        l === 'en'
          ? 'When an account drops to the essential tier, its owner introduces self-service and automated support and hands over open topics.'
          : '客户降为基础层级时，负责人介绍自助服务与自动化支持，并交接未完成事项。',
      trigger: { kind: 'field_changed', entity: 'account', field: 'tier', to: 'essential' },
      conditions: { all: [{ field: 'before.tier', op: 'in', value: ['strategic', 'growth'] }] },
      actions: [
        task(
          l === 'en'
            ? 'Move {{record.name}} to self-service: help centre and automated support'
            : '为 {{record.name}} 开通自助服务：帮助中心与自动化支持',
          7,
          'normal',
        ),
      ],
    },
  },
]

/** The tiers part of the workspace template: the package-task rules (the tier rules default in code). */
export const installTierTemplate = (tx: Executor, ctx: Ctx, lang: Lang) =>
  installRuleTemplates(tx, ctx, tierRuleTemplates(lang))
