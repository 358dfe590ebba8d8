import type { RuleCreate } from '@openkam/contract'
import type { z } from 'zod'

type RuleInput = z.input<typeof RuleCreate>

const task = (l: 'zh-CN' | 'en', assignee: 'assignee' | 'csm') => ({
  type: 'create_task' as const,
  task: {
    title:
      l === 'en'
        ? 'Low satisfaction on {{record.number}} from {{account.name}}: {{record.satisfaction}} of 5'
        : '「{{account.name}}」对工单 {{record.number}} 评分偏低：{{record.satisfaction}} 分（满分 5 分）',
    description:
      l === 'en'
        ? 'Ticket: {{record.subject}}. Comment: "{{record.satisfactionComment}}". Call the contact, understand what went wrong and agree on the next step.'
        : '工单：{{record.subject}}；客户意见：“{{record.satisfactionComment}}”。请联系客户，了解问题原因并商定下一步。',
    assignee: { kind: assignee },
    dueInDays: 2,
    priority: 'high' as const,
  },
})

/**
 * The follow-up of a low ticket rating (1–2 of 5) that every workspace starts with (editable in Settings →
 * Automation): the ticket's assignee gets a task due in 2 days with the comment, or, for a ticket nobody
 * was assigned, the account's customer success manager.
 */
export const ticketRatingRuleTemplates = (l: 'zh-CN' | 'en'): { key: string; rule: RuleInput }[] => [
  {
    key: 'ticket_low_rating_follow_up',
    rule: {
      name: l === 'en' ? 'Low ticket rating: the assignee follows up' : '工单低分：处理人回访',
      description:
        l === 'en'
          ? "A contact rated a ticket 1 or 2 of 5: the ticket's assignee gets a follow-up task due in 2 days, with the comment."
          : '客户对工单的评分为 1 或 2 分（满分 5 分）：为工单处理人创建 2 天内到期的回访任务，并附上客户意见。',
      trigger: { kind: 'field_changed', entity: 'ticket', field: 'satisfaction' },
      conditions: {
        all: [
          { field: 'satisfaction', op: 'lte', value: 2 },
          { field: 'satisfactionAt', op: 'is_not_empty' },
          { field: 'assigneeId', op: 'is_not_empty' },
        ],
      },
      actions: [task(l, 'assignee')],
    },
  },
  {
    key: 'ticket_low_rating_csm',
    rule: {
      name:
        l === 'en'
          ? 'Low rating of an unassigned ticket: the CSM follows up'
          : '无处理人的工单低分：客户成功经理回访',
      description:
        l === 'en'
          ? "A contact rated a ticket nobody was assigned 1 or 2 of 5: the account's customer success manager gets a follow-up task due in 2 days."
          : '客户对无处理人的工单评分为 1 或 2 分：为该客户的客户成功经理创建 2 天内到期的回访任务。',
      trigger: { kind: 'field_changed', entity: 'ticket', field: 'satisfaction' },
      conditions: {
        all: [
          { field: 'satisfaction', op: 'lte', value: 2 },
          { field: 'satisfactionAt', op: 'is_not_empty' },
          { field: 'assigneeId', op: 'is_empty' },
        ],
      },
      actions: [task(l, 'csm')],
    },
  },
]
