import type { HandoffChecklistItem } from '@openkam/contract'

export type Lang = 'zh-CN' | 'en'

/** The ten items of SPEC R-10, in both languages; a workspace edits its own copy in the handoff settings. */
const items: [key: string, en: string, zh: string][] = [
  [
    'decision_chain',
    'Decision chain: who decided, who signs, who can block',
    '决策链：谁拍板、谁签字、谁可能阻碍',
  ],
  ['core_needs', 'Core needs the customer bought for', '客户购买的核心需求'],
  ['pain_points', 'Key pain points to solve first', '需要优先解决的关键痛点'],
  [
    'competitors',
    'Competitor comparison: who else was considered and why we won',
    '竞品对比：客户还考察了谁、我们为何胜出',
  ],
  ['commitments', 'Commitments made during the sale', '销售过程中做出的承诺'],
  [
    'contract_scope',
    'Contract scope: products, services, quantities, terms',
    '合同范围：产品、服务、数量与条款',
  ],
  ['success_criteria', 'Success criteria and the first-year value goal', '成功标准与首年价值目标'],
  ['key_contacts', 'Key contacts and how to work with them', '关键联系人及沟通方式'],
  ['risks', 'Risks and open issues', '风险与未决问题'],
  ['timeline', 'Timeline: go-live, milestones, renewal date', '时间计划：上线、里程碑、续约日期'],
]

export const DEFAULT_DUE_HOURS = 72
export const DEFAULT_VALIDATION_DAYS = 30

/** The default checklist template in a language. */
export const defaultChecklist = (lang: Lang) =>
  items.map(([key, en, zh]) => ({ key, label: lang === 'en' ? en : zh }))

/** A new handoff's checklist from the template: nothing written, nothing done. */
export const freshChecklist = (template: { key: string; label: string }[]): HandoffChecklistItem[] =>
  template.map((i) => ({ key: i.key, label: i.label, value: null, done: false }))

/** The items still to do (the reason a submission is refused). */
export const undoneItems = (checklist: HandoffChecklistItem[]) => checklist.filter((i) => !i.done)

/** When a handoff is due: exactly `hours` after the deal was won. */
export const dueAfter = (wonAt: Date, hours: number) => new Date(wonAt.getTime() + hours * 3_600_000)
