import type { RuleCreate } from '@openkam/contract'
import type { z } from 'zod'

type RuleInput = z.input<typeof RuleCreate>

/**
 * The follow-up of a low score that every new workspace starts with (editable in Settings → Automation):
 * a detractor answer (NPS 0–6, CSAT 1–2) gives the account's owner a task due in 2 days with the
 * comment. Change the condition (e.g. `score lte 4`) or the assignee (`csm`) to change who follows up.
 */
export const surveyRuleTemplates = (l: 'zh-CN' | 'en'): { key: string; rule: RuleInput }[] => [
  {
    key: 'survey_detractor_follow_up',
    rule: {
      name: l === 'en' ? 'Low survey score: follow up within 2 days' : '调研低分：2 天内回访',
      description:
        l === 'en'
          ? "A contact's survey answer is a detractor (NPS 0–6 or satisfaction 1–2): the account owner gets a follow-up task due in 2 days, with the comment."
          : '联系人的调研回答为贬损者（NPS 0–6 分或满意度 1–2 分）：为客户负责人创建 2 天内到期的回访任务，并附上客户意见。',
      trigger: { kind: 'record_created', entity: 'survey_response' },
      conditions: { all: [{ field: 'category', op: 'eq', value: 'detractor' }] },
      actions: [
        {
          type: 'create_task',
          task: {
            title:
              l === 'en'
                ? 'Follow up on a low score from {{account.name}}: {{record.contactName}} gave {{record.score}}'
                : '回访「{{account.name}}」的低分：{{record.contactName}} 打了 {{record.score}} 分',
            description:
              l === 'en'
                ? 'Survey: {{record.surveyName}}. Score: {{record.score}}. Comment: "{{record.comment}}". Call them, understand what went wrong and agree on the next step.'
                : '调研：{{record.surveyName}}；评分：{{record.score}}；意见：“{{record.comment}}”。请致电了解问题原因，并与客户商定下一步。',
            assignee: { kind: 'owner' },
            dueInDays: 2,
            priority: 'high',
          },
        },
      ],
    },
  },
]
