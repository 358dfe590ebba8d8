import type { PipelineCreate } from '@openkam/contract'

type Lang = 'zh-CN' | 'en'
const waivers = ['sales_manager', 'admin']

/**
 * The default pipeline of a new workspace (SPEC R-08): the five-stage sales SOP with its goals,
 * deliverables (the keys of shared/API.md), probabilities for the forecast, standard tasks, who may
 * waive a deliverable, and the won/lost reasons.
 */
export function sopPipeline(l: Lang): PipelineCreate {
  const en = l === 'en'
  const tr = (zh: string, english: string) => (en ? english : zh)
  const owner = { kind: 'owner' as const }
  return {
    name: tr('销售标准流程（SOP）', 'Sales SOP'),
    isDefault: true,
    stages: [
      {
        key: 'discovery',
        name: tr('初步接触与需求挖掘', 'Initial contact & discovery'),
        goals: tr(
          '了解客户业务与痛点，确认预算、决策链和时间表。',
          'Understand the business and its pains; confirm budget, decision chain and timeline.',
        ),
        probability: 10,
        deliverables: [
          {
            key: 'assessment_report',
            label: tr('初步评估报告', 'Initial assessment report'),
            required: true,
          },
          {
            key: 'needs_interview_minutes',
            label: tr('需求访谈纪要', 'Needs interview minutes'),
            required: true,
          },
        ],
        tasks: [
          {
            title: tr(
              '调研 {{account.name}} 并完成初步评估',
              'Research {{account.name}} and write the initial assessment',
            ),
            assignee: owner,
            dueInDays: 3,
            priority: 'normal',
          },
          {
            title: tr('与 {{account.name}} 进行需求访谈', 'Hold the needs interview with {{account.name}}'),
            assignee: owner,
            dueInDays: 7,
            priority: 'normal',
          },
        ],
        waiverRoles: waivers,
      },
      {
        key: 'solution',
        name: tr('方案设计与价值呈现', 'Solution design & value proposition'),
        goals: tr(
          '提交定制化方案，演示产品，量化投资回报。',
          'Present a tailored proposal, demonstrate the product and quantify the return on investment.',
        ),
        probability: 30,
        deliverables: [
          { key: 'proposal', label: tr('定制化方案', 'Tailored proposal'), required: true },
          { key: 'demo_deck', label: tr('演示文稿', 'Demo deck'), required: true },
          { key: 'roi_analysis', label: tr('投资回报分析', 'ROI analysis'), required: true },
        ],
        tasks: [
          {
            title: tr(
              '为「{{record.name}}」编写定制化方案',
              'Write the tailored proposal for {{record.name}}',
            ),
            assignee: owner,
            dueInDays: 5,
            priority: 'high',
          },
          {
            title: tr('为 {{account.name}} 准备产品演示', 'Prepare the demo for {{account.name}}'),
            assignee: { kind: 'role', role: 'presales' },
            dueInDays: 5,
            priority: 'normal',
          },
          {
            title: tr('完成「{{record.name}}」的投资回报分析', 'Build the ROI analysis for {{record.name}}'),
            assignee: owner,
            dueInDays: 7,
            priority: 'normal',
          },
        ],
        waiverRoles: waivers,
      },
      {
        key: 'negotiation',
        name: tr('商务谈判与签约', 'Negotiation & contracting'),
        goals: tr(
          '就价格和条款达成一致，签署合同。',
          'Agree on price and terms, and get the contract signed.',
        ),
        probability: 60,
        deliverables: [
          { key: 'quotation', label: tr('报价单', 'Quotation'), required: true },
          { key: 'signed_contract', label: tr('已签署的合同', 'Signed contract'), required: true },
        ],
        tasks: [
          {
            title: tr('发送「{{record.name}}」的报价单', 'Send the quotation for {{record.name}}'),
            assignee: owner,
            dueInDays: 2,
            priority: 'high',
          },
          {
            title: tr('推动「{{record.name}}」合同签署', 'Get the contract for {{record.name}} signed'),
            assignee: owner,
            dueInDays: 14,
            priority: 'high',
          },
        ],
        waiverRoles: waivers,
      },
      {
        key: 'implementation',
        name: tr('实施与初期反馈', 'Implementation & initial feedback'),
        goals: tr(
          '召开启动会，按计划上线，收集客户的初期反馈。',
          'Kick off, go live as planned and collect the first feedback from the customer.',
        ),
        probability: 80,
        deliverables: [
          { key: 'kickoff_minutes', label: tr('项目启动会纪要', 'Kick-off meeting minutes'), required: true },
          {
            key: 'initial_feedback_report',
            label: tr('初期反馈报告', 'Initial feedback report'),
            required: true,
          },
        ],
        tasks: [
          {
            title: tr('与 {{account.name}} 召开项目启动会', 'Hold the kick-off with {{account.name}}'),
            assignee: owner,
            dueInDays: 7,
            priority: 'high',
          },
          {
            title: tr('收集 {{account.name}} 的初期反馈', 'Collect the first feedback from {{account.name}}'),
            assignee: owner,
            dueInDays: 30,
            priority: 'normal',
          },
        ],
        waiverRoles: waivers,
      },
      {
        key: 'account_management',
        name: tr('客户经营与增购', 'Account management & upselling'),
        goals: tr(
          '定期检查客户健康度，发现并推进增购机会。',
          'Check the account’s health regularly; find and pursue upsell opportunities.',
        ),
        probability: 100,
        deliverables: [
          { key: 'health_check_report', label: tr('健康度检查报告', 'Health-check report'), required: true },
          { key: 'upsell_record', label: tr('增购记录', 'Upsell record'), required: true },
        ],
        tasks: [
          {
            title: tr('完成 {{account.name}} 的健康度检查', 'Run the health check for {{account.name}}'),
            assignee: owner,
            dueInDays: 30,
            priority: 'normal',
          },
          {
            title: tr(
              '挖掘 {{account.name}} 的增购机会',
              'Look for upsell opportunities at {{account.name}}',
            ),
            assignee: owner,
            dueInDays: 60,
            priority: 'normal',
          },
        ],
        waiverRoles: waivers,
      },
    ],
    lossReasons: en
      ? [
          'Price too high',
          'Chose a competitor',
          'Budget cut or frozen',
          'Project postponed',
          'Kept their in-house system',
          'Product did not fit the needs',
          'Lost our champion or the decision chain changed',
          'No decision',
        ]
      : [
          '价格过高',
          '选择了竞品',
          '预算削减或冻结',
          '项目推迟',
          '继续使用自研系统',
          '产品无法满足需求',
          '关键支持人离职或决策链变化',
          '客户未做决定',
        ],
    winReasons: en
      ? [
          'Best value for money',
          'Product fits the needs',
          'Relationship and trust',
          'Implementation and service',
          'References in their industry',
          'Price',
        ]
      : ['性价比最高', '产品契合需求', '关系与信任', '实施与服务能力', '同行业成功案例', '价格优势'],
  }
}
