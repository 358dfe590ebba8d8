import type { RuleCreate } from '@openkam/contract'
import type { z } from 'zod'

type Lang = 'zh-CN' | 'en'
type RuleInput = z.input<typeof RuleCreate>

/**
 * The service-level rules every workspace starts with (editable in Settings → Automation). They react to
 * the sweep setting a ticket's `slaStatus` — once per change, so a ticket warns once and escalates once.
 */
export const slaRuleTemplates = (l: Lang): { key: string; rule: RuleInput }[] => [
  {
    key: 'ticket_sla_at_risk',
    rule: {
      name: l === 'en' ? 'Ticket service level at risk: tell the assignee' : '工单服务时限临近：提醒处理人',
      description:
        l === 'en'
          ? 'When a ticket’s first response or resolution is about to miss its tier’s target, its assignee is told.'
          : '工单的首次响应或解决即将超出客户层级的服务时限时，提醒处理人。',
      trigger: { kind: 'field_changed', entity: 'ticket', field: 'slaStatus', to: 'at_risk' },
      conditions: { all: [{ field: 'assigneeId', op: 'is_not_empty' }] },
      actions: [
        {
          type: 'notify',
          to: [{ kind: 'assignee' }],
          channels: ['in_app', 'email'],
          subject:
            l === 'en'
              ? '{{record.number}} {{record.subject}} is about to miss its service level'
              : '{{record.number}} {{record.subject}} 即将超出服务时限',
          body:
            l === 'en'
              ? 'First response due {{record.firstResponseDueAt}}, resolution due {{record.resolutionDueAt}} ({{account.name}}).'
              : '首次响应截止 {{record.firstResponseDueAt}}，解决截止 {{record.resolutionDueAt}}（{{account.name}}）。',
        },
      ],
    },
  },
  {
    key: 'ticket_sla_breached',
    rule: {
      name:
        l === 'en'
          ? 'Ticket service level breached: escalate to the team’s manager'
          : '工单超出服务时限：升级给团队经理',
      description:
        l === 'en'
          ? 'When a ticket misses its tier’s first-response or resolution target, the manager of its team gets a task to step in and the assignee is told.'
          : '工单超出客户层级的首次响应或解决时限时，给所属团队的经理创建跟进任务，并通知处理人。',
      trigger: { kind: 'field_changed', entity: 'ticket', field: 'slaStatus', to: 'breached' },
      conditions: { all: [{ field: 'teamId', op: 'is_not_empty' }] },
      actions: [
        {
          type: 'create_task',
          task: {
            title:
              l === 'en'
                ? 'Escalation: {{record.number}} {{record.subject}} missed its service level'
                : '升级：{{record.number}} {{record.subject}} 已超出服务时限',
            description:
              l === 'en'
                ? '{{account.name}}: the ticket missed its tier’s target. Check who is on it and talk to the customer.'
                : '{{account.name}}：工单已超出客户层级的服务时限。请确认处理人并与客户沟通。',
            assignee: { kind: 'team_manager' },
            dueInDays: 0.25,
            priority: 'urgent',
          },
        },
        {
          type: 'notify',
          to: [{ kind: 'assignee' }, { kind: 'team_manager' }],
          channels: ['in_app', 'email'],
          subject:
            l === 'en'
              ? '{{record.number}} {{record.subject}} missed its service level'
              : '{{record.number}} {{record.subject}} 已超出服务时限',
          body: l === 'en' ? 'Account: {{account.name}}.' : '客户：{{account.name}}。',
        },
      ],
    },
  },
]
