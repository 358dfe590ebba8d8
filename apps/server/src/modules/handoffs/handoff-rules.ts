import type { RuleCreate } from '@openkam/contract'
import type { z } from 'zod'
import type { Lang } from './handoff-checklist'

type RuleInput = z.input<typeof RuleCreate>

/**
 * The escalation rules every new workspace starts with (editable in Settings → Automation). The
 * `handoffs_scan` job marks a missed deadline once (`escalatedAt`, `validationEscalatedAt`); these rules
 * react to that mark. Until submission the handoff's owner is the sales owner, afterwards the CSM, so
 * `owner` and `manager` name whoever missed the deadline and their manager.
 */
export const handoffRuleTemplates = (l: Lang): { key: string; rule: RuleInput }[] => [
  {
    key: 'handoff_overdue',
    rule: {
      name: l === 'en' ? 'Handoff overdue: escalate to the manager' : '交接逾期：升级至经理',
      description:
        l === 'en'
          ? 'A won deal not handed over to the CSM within 72 hours: the sales owner and their manager are told, in the app and by e-mail.'
          : '赢单后 72 小时内未完成向客户成功经理的交接：通知销售负责人及其经理（站内与邮件）。',
      trigger: { kind: 'field_changed', entity: 'handoff', field: 'escalatedAt' },
      conditions: {
        all: [
          { field: 'escalatedAt', op: 'is_not_empty' },
          { field: 'status', op: 'eq', value: 'open' },
        ],
      },
      actions: [
        {
          type: 'notify',
          to: [{ kind: 'owner' }, { kind: 'manager' }],
          channels: ['in_app', 'email'],
          subject: l === 'en' ? 'Handoff overdue: {{account.name}}' : '交接已逾期：{{account.name}}',
          body:
            l === 'en'
              ? 'The handoff of {{account.name}} to its CSM was due {{record.dueAt}} and is not submitted yet. Complete the checklist and submit it.'
              : '「{{account.name}}」向客户成功经理的交接应于 {{record.dueAt}} 前完成，目前仍未提交。请补全交接清单并提交。',
        },
      ],
    },
  },
  {
    key: 'handoff_validation_overdue',
    rule: {
      name: l === 'en' ? 'Handoff validation overdue: escalate to the manager' : '交接确认逾期：升级至经理',
      description:
        l === 'en'
          ? 'A submitted handoff the CSM has not validated within 30 days: the CSM and their manager are told, in the app and by e-mail.'
          : '已提交的交接在 30 天内未被客户成功经理确认：通知客户成功经理及其经理（站内与邮件）。',
      trigger: { kind: 'field_changed', entity: 'handoff', field: 'validationEscalatedAt' },
      conditions: {
        all: [
          { field: 'validationEscalatedAt', op: 'is_not_empty' },
          { field: 'status', op: 'eq', value: 'submitted' },
        ],
      },
      actions: [
        {
          type: 'notify',
          to: [{ kind: 'owner' }, { kind: 'manager' }],
          channels: ['in_app', 'email'],
          subject:
            l === 'en' ? 'Handoff validation overdue: {{account.name}}' : '交接确认已逾期：{{account.name}}',
          body:
            l === 'en'
              ? 'The handoff of {{account.name}} was submitted {{record.submittedAt}} and was due to be validated by {{record.validationDueAt}}. Check that the needs are met and validate it.'
              : '「{{account.name}}」的交接已于 {{record.submittedAt}} 提交，应在 {{record.validationDueAt}} 前确认。请核实客户需求已满足并完成确认。',
        },
      ],
    },
  },
]
