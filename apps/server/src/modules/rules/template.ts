import { and, eq, isNotNull } from 'drizzle-orm'
import { PlaybookCreate, RuleCreate, type PlaybookStep } from '@openkam/contract'
import type { z } from 'zod'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { playbookCollection, ruleCollection } from './rule.collection'
import { playbooks, rules } from './rule.table'

type Lang = 'zh-CN' | 'en'
type Step = z.input<typeof PlaybookStep>
type RuleInput = z.input<typeof RuleCreate>

const playbookTemplates = (l: Lang): { key: string; name: string; description: string; steps: Step[] }[] => [
  {
    key: 'retention',
    name: l === 'en' ? 'Retention: win the account back' : '挽留：重新赢回客户',
    description:
      l === 'en'
        ? 'Started by a danger alert: an expert call-back, a value-added feature, an executive check-in.'
        : '由高危预警触发：专家回访、开通增值功能、高层拜访。',
    steps: [
      {
        title: l === 'en' ? 'Expert call-back to {{account.name}}' : '专家回访 {{account.name}}',
        assignee: { kind: 'csm' },
        dueInDays: 3,
        priority: 'high',
      },
      {
        title:
          l === 'en' ? 'Open a value-added feature for {{account.name}}' : '为 {{account.name}} 开通增值功能',
        assignee: { kind: 'csm' },
        dueInDays: 7,
        priority: 'normal',
      },
      {
        title: l === 'en' ? 'Executive check-in with {{account.name}}' : '与 {{account.name}} 高层沟通',
        assignee: { kind: 'manager' },
        dueInDays: 14,
        priority: 'normal',
      },
    ],
  },
  {
    key: 'strategic_onboarding',
    name: l === 'en' ? 'Strategic account: form the 1+N team' : '战略客户：组建 1+N 服务团队',
    description:
      l === 'en'
        ? 'When an account becomes strategic: a dedicated team, a kick-off and the first quarterly review.'
        : '客户升级为战略客户时：组建专属团队、启动会、首次季度复盘。',
    steps: [
      {
        title:
          l === 'en' ? 'Form the 1+N team for {{account.name}}' : '为 {{account.name}} 组建 1+N 服务团队',
        assignee: { kind: 'owner' },
        dueInDays: 5,
        priority: 'high',
      },
      {
        title: l === 'en' ? 'Kick-off meeting with {{account.name}}' : '与 {{account.name}} 召开启动会',
        assignee: { kind: 'csm' },
        dueInDays: 14,
        priority: 'normal',
      },
      {
        title: l === 'en' ? 'First quarterly business review' : '首次季度业务复盘',
        assignee: { kind: 'csm' },
        dueInDays: 90,
        priority: 'normal',
      },
    ],
  },
]

const ruleTemplates = (l: Lang): { key: string; rule: RuleInput }[] => [
  {
    key: 'negotiation_contract',
    rule: {
      name: l === 'en' ? 'Negotiation: draft the contract' : '进入商务谈判：起草合同',
      description:
        l === 'en'
          ? 'When an opportunity enters negotiation, legal drafts the contract and the finance director is told.'
          : '商机进入商务谈判阶段时，法务起草合同，并通知财务总监。',
      trigger: { kind: 'stage_changed', entity: 'opportunity', to: 'negotiation' },
      conditions: { all: [] },
      actions: [
        {
          type: 'create_task',
          task: {
            title: l === 'en' ? 'Draft the contract for {{record.name}}' : '为「{{record.name}}」起草合同',
            description:
              l === 'en'
                ? 'Account: {{account.name}}. Amount: {{record.amount}} {{record.currency}}.'
                : '客户：{{account.name}}；金额：{{record.amount}} {{record.currency}}。',
            assignee: { kind: 'role', role: 'legal' },
            dueInDays: 3,
            priority: 'high',
          },
        },
        {
          type: 'notify',
          to: [{ kind: 'role', role: 'finance' }],
          channels: ['email', 'in_app'],
          subject:
            l === 'en'
              ? '{{record.name}} entered negotiation ({{record.amount}} {{record.currency}})'
              : '「{{record.name}}」进入商务谈判（{{record.amount}} {{record.currency}}）',
          body:
            l === 'en'
              ? '{{account.name}}: the opportunity {{record.name}} is in negotiation. Legal is drafting the contract.'
              : '{{account.name}}：商机「{{record.name}}」已进入商务谈判，法务正在起草合同。',
        },
      ],
    },
  },
  {
    key: 'strategic_ticket_wecom',
    rule: {
      name:
        l === 'en'
          ? 'Urgent ticket from a strategic account: tell the CSM'
          : '战略客户高优先级工单：通知客户成功经理',
      description:
        l === 'en'
          ? 'A high or urgent ticket from a strategic account reaches its CSM on WeCom at once.'
          : '战略客户提交高/紧急优先级工单时，立即通过企业微信通知其客户成功经理。',
      trigger: { kind: 'record_created', entity: 'ticket' },
      conditions: {
        all: [
          { field: 'priority', op: 'in', value: ['high', 'urgent'] },
          { field: 'account.tier', op: 'eq', value: 'strategic' },
        ],
      },
      actions: [
        {
          type: 'notify',
          to: [{ kind: 'csm' }],
          channels: ['wecom', 'in_app'],
          subject:
            l === 'en'
              ? '{{record.priority}} ticket from {{account.name}}: {{record.subject}}'
              : '{{account.name}} 提交了高优先级工单：{{record.subject}}',
          body: '{{record.body}}',
        },
      ],
    },
  },
  {
    key: 'task_overdue_manager',
    rule: {
      name: l === 'en' ? 'Task overdue 2 days: tell the manager' : '任务逾期 2 天：通知经理',
      description:
        l === 'en'
          ? "An open task two days past due is escalated to the assignee's manager. Change the offset to change the delay."
          : '任务逾期两天仍未完成时，升级通知负责人的经理。修改偏移天数即可调整升级时间。',
      trigger: { kind: 'date_reached', entity: 'task', field: 'dueAt', offsetDays: 2 },
      conditions: { all: [{ field: 'status', op: 'eq', value: 'open' }] },
      actions: [
        {
          type: 'notify',
          to: [{ kind: 'manager' }],
          channels: ['in_app', 'email'],
          subject: l === 'en' ? 'Overdue 2 days: {{record.title}}' : '已逾期 2 天：{{record.title}}',
          body:
            l === 'en'
              ? 'The task "{{record.title}}" was due {{record.dueAt}} and is still open.'
              : '任务「{{record.title}}」的截止时间为 {{record.dueAt}}，目前仍未完成。',
        },
      ],
    },
  },
]

/** Installs the automation part of the default workspace template (SPEC R-32): playbooks and rules. */
export async function installAutomationTemplate(tx: Executor, ctx: Ctx, lang: Lang) {
  const have = await templateKeys(tx, ctx.ws, playbooks)
  for (const p of playbookTemplates(lang).filter((t) => !have.has(t.key))) {
    const rec = await playbookCollection.create(
      tx,
      ctx,
      PlaybookCreate.parse({ name: p.name, description: p.description, steps: p.steps }),
    )
    await tx
      .update(playbooks)
      .set({ template: p.key })
      .where(and(eq(playbooks.workspaceId, ctx.ws), eq(playbooks.id, rec.id)))
  }
  await installRuleTemplates(tx, ctx, ruleTemplates(lang))
}

/** The template keys a workspace has ever had, deleted rows included (a deleted template stays deleted). */
async function templateKeys(tx: Executor, ws: string, table: typeof rules | typeof playbooks) {
  const rows = await tx
    .select({ t: table.template })
    .from(table)
    .where(and(eq(table.workspaceId, ws), isNotNull(table.template)))
  return new Set(rows.map((r) => r.t))
}

/**
 * Creates template rules (marked with their template key); other modules ship theirs through this.
 * Keys the workspace already has (or had and deleted) are skipped, so it also upgrades older workspaces.
 */
export async function installRuleTemplates(tx: Executor, ctx: Ctx, list: { key: string; rule: RuleInput }[]) {
  const have = await templateKeys(tx, ctx.ws, rules)
  for (const r of list.filter((t) => !have.has(t.key))) {
    const rec = await ruleCollection.create(tx, ctx, RuleCreate.parse(r.rule))
    await tx
      .update(rules)
      .set({ template: r.key })
      .where(and(eq(rules.workspaceId, ctx.ws), eq(rules.id, rec.id)))
  }
}
