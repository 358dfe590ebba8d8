import type { activityKinds, ticketTypes, touchKinds } from '@openkam/contract'
import type { T } from './demo-random'

const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })

type Kind = (typeof activityKinds)[number]

/** Activity subjects by kind; {product}, {contact}, {competitor} and {district} are filled in. */
export const activitySubjects: Record<Kind, T[]> = {
  meeting: [
    t('需求调研会：{product}', 'Discovery workshop: {product}'),
    t('方案汇报：{product}', 'Solution presentation: {product}'),
    t('季度业务回顾（QBR）', 'Quarterly business review'),
    t('项目启动会', 'Project kick-off'),
    t('商务谈判：{product}', 'Commercial negotiation: {product}'),
    t('上线验收评审', 'Go-live acceptance review'),
    t('续约沟通会', 'Renewal meeting'),
    t('高层交流会', 'Executive alignment meeting'),
  ],
  call: [
    t('电话跟进：{product}报价反馈', 'Call: feedback on the {product} quote'),
    t('电话沟通上线进度', 'Call about go-live progress'),
    t('与{contact}确认下次会议时间', 'Call with {contact} to fix the next meeting'),
    t('回款进度电话确认', 'Call about payment status'),
    t('电话回访：系统使用情况', 'Check-in call: how the system is used'),
    t('电话了解预算安排', 'Call about budget planning'),
  ],
  email: [
    t('发送{product}方案建议书', 'Sent the {product} proposal'),
    t('会议纪要及下一步计划', 'Meeting minutes and next steps'),
    t('报价单（含折扣说明）', 'Quotation with discount notes'),
    t('续约提醒及续约方案', 'Renewal reminder and offer'),
    t('上线培训安排', 'Go-live training schedule'),
    t('产品更新说明', 'Product update notes'),
    t('ROI 分析报告', 'ROI analysis'),
  ],
  visit: [
    t('上门拜访{contact}', 'Visit to {contact}'),
    t('现场调研：{district}', 'On-site survey: {district}'),
    t('现场实施支持', 'On-site implementation support'),
    t('节前客户拜访', 'Seasonal courtesy visit'),
  ],
  enquiry: [
    t('官网咨询：{product}价格', 'Website enquiry: {product} pricing'),
    t('咨询 API 对接方式', 'Enquiry about API integration'),
    t('询问增购席位报价', 'Enquiry about extra seats'),
    t('咨询私有化部署方案', 'Enquiry about on-premises deployment'),
  ],
  note: [
    t('客户组织架构调整', 'Customer reorganisation'),
    t('竞品动态：{competitor} 正在接触客户', 'Competitor news: {competitor} is talking to them'),
    t('关键人沟通偏好', 'How the key people like to be contacted'),
    t('客户预算周期说明', 'Their budget cycle'),
  ],
}

/** Meeting minutes: attendees, topic, conclusion and next step, filled per meeting. */
export const minutesTemplate = t(
  '参会人：{contacts}；我方：{owner}\n议题：{topic}\n结论：{conclusion}\n下一步：{next}',
  'Attendees: {contacts}; for us: {owner}\nAgenda: {topic}\nOutcome: {conclusion}\nNext steps: {next}',
)

export const minutesTopics: readonly T[] = [
  t('梳理现有销售流程与痛点', 'Current sales process and pain points'),
  t('演示{product}核心功能并答疑', 'Demo of {product} and Q&A'),
  t('回顾上季度使用数据与目标达成', 'Usage and goals of the last quarter'),
  t('讨论实施计划与里程碑', 'Implementation plan and milestones'),
  t('商务条款与付款方式', 'Commercial terms and payment schedule'),
  t('续约范围与增购需求', 'Renewal scope and expansion needs'),
]

export const minutesConclusions: readonly T[] = [
  t('客户认可方案方向，需补充与 ERP 对接细节', 'They like the direction; ERP integration details needed'),
  t('双方确认上线时间，客户指定项目负责人', 'Go-live date agreed; they named a project lead'),
  t('价格仍有分歧，客户希望再优惠 5%', 'Price still open; they ask for another 5% off'),
  t('客户满意当前服务，计划扩展到两个新事业部', 'Happy with the service; planning two more business units'),
  t('财务要求分期付款，法务需审阅数据条款', 'Finance wants instalments; legal to review data terms'),
  t('使用率低于预期，需要加强培训', 'Usage below plan; more training needed'),
]

export const minutesNextSteps: readonly T[] = [
  t('一周内提交修订版方案和报价', 'Send a revised proposal and quote within a week'),
  t('安排技术团队与客户 IT 做接口评审', 'Arrange an interface review with their IT'),
  t('两周后组织管理层汇报', 'Present to their management in two weeks'),
  t('客户成功经理制定培训计划', 'CSM to draw up a training plan'),
  t('发送合同草案供法务审阅', 'Send the draft contract to their legal team'),
  t('下月初复盘使用数据', 'Review usage data early next month'),
]

export const shortNotes: readonly T[] = [
  t(
    '{contact}反馈整体进展顺利，关注数据迁移风险。',
    '{contact} says things go well; worried about data migration.',
  ),
  t(
    '{contact}表示预算已批复，等待采购流程。',
    '{contact} says the budget is approved; waiting for procurement.',
  ),
  t('{contact}希望先做小范围试点。', '{contact} would like a small pilot first.'),
  t(
    '{contact}提到竞品报价更低，需要准备对比材料。',
    '{contact} mentions a cheaper competitor quote; prepare a comparison.',
  ),
  t('{contact}确认下周三可以安排会议。', '{contact} confirms next Wednesday for a meeting.'),
  t('已按{contact}要求补充资料。', 'Sent the material {contact} asked for.'),
]

export const onlineLocations: readonly T[] = [t('腾讯会议', 'Video call'), t('飞书视频会议', 'Teams call')]

type TicketType = (typeof ticketTypes)[number]
export const ticketSubjects: Record<TicketType, T[]> = {
  question: [
    t('如何批量导入客户数据？', 'How do we bulk-import customers?'),
    t('报表导出格式问题', 'Question about report export formats'),
    t('如何设置审批流？', 'How do we set up an approval flow?'),
    t('子账号权限如何分配？', 'How should sub-account permissions be set?'),
  ],
  incident: [
    t('系统登录缓慢', 'Slow sign-in'),
    t('移动端无法同步数据', 'Mobile app does not sync'),
    t('报表加载超时', 'Reports time out'),
    t('邮件通知未送达', 'E-mail notifications not delivered'),
  ],
  problem: [
    t('数据同步偶发重复记录', 'Sync occasionally creates duplicates'),
    t('接口调用频繁超时', 'API calls keep timing out'),
    t('夜间批处理任务失败', 'Nightly batch job fails'),
  ],
  feature_request: [
    t('希望支持企业微信集成', 'Please integrate with WeCom'),
    t('希望增加自定义仪表盘', 'Please add custom dashboards'),
    t('建议支持多币种报价', 'Please support quotes in several currencies'),
    t('希望导出 PDF 报价单', 'Please export quotes as PDF'),
  ],
  complaint: [
    t('实施顾问响应不及时', 'Implementation consultant slow to respond'),
    t('发票开具延迟', 'Invoice issued late'),
    t('升级后操作习惯改变，影响业务', 'Upgrade changed the workflow and disrupted work'),
    t('客服电话长时间无人接听', 'Support line not answered for a long time'),
  ],
}

export const ticketBody = t(
  '{contact}反馈：{subject}\n影响范围：{scope}\n期望处理时间：{expect}',
  '{contact} reports: {subject}\nImpact: {scope}\nExpected by: {expect}',
)
export const ticketScopes: readonly T[] = [
  t('单个用户', 'One user'),
  t('销售部全体', 'The whole sales team'),
  t('全公司', 'Everyone'),
  t('华东区域', 'The eastern region'),
]
export const ticketExpectations: readonly T[] = [
  t('今天', 'today'),
  t('本周内', 'this week'),
  t('下个版本', 'next release'),
]

type TouchKind = (typeof touchKinds)[number]
/** Campaigns by kind of touch: name and, for pages and forms, the path on the demo company's site. */
export const touchCampaigns: Record<TouchKind, { name: T; path?: string }[]> = {
  event_attended: [
    { name: t('大客户经营峰会·上海站', 'Key Account Summit, Shanghai') },
    { name: t('大客户经营峰会·北京站', 'Key Account Summit, Beijing') },
    { name: t('制造业数字化沙龙', 'Manufacturing digital salon') },
    { name: t('金融科技闭门会', 'Fintech round table') },
  ],
  webinar_attended: [
    { name: t('直播：客户成功体系搭建', 'Webinar: building customer success') },
    { name: t('直播：用数据驱动续约', 'Webinar: data-driven renewals') },
    { name: t('直播：销售预测实战', 'Webinar: forecasting in practice') },
  ],
  email_opened: [
    { name: t('月度产品通讯', 'Monthly product newsletter') },
    { name: t('新功能发布：智能提醒', 'New: smart reminders') },
    { name: t('行业白皮书：大客户管理实践', 'White paper: key account management') },
  ],
  email_clicked: [
    { name: t('月度产品通讯', 'Monthly product newsletter') },
    { name: t('客户案例：制造业渠道管理', 'Case study: channel management in manufacturing') },
    { name: t('行业白皮书：大客户管理实践', 'White paper: key account management') },
  ],
  page_visited: [
    { name: t('价格方案', 'Pricing'), path: '/pricing' },
    { name: t('客户案例', 'Customer stories'), path: '/customers' },
    { name: t('API 文档', 'API documentation'), path: '/docs/api' },
    { name: t('安全与合规', 'Security and compliance'), path: '/security' },
  ],
  form_submitted: [
    { name: t('预约产品演示', 'Book a demo'), path: '/demo' },
    { name: t('下载白皮书', 'Download the white paper'), path: '/white-paper' },
    { name: t('申请试用', 'Start a trial'), path: '/trial' },
  ],
}

export const touchTitles: Record<TouchKind, T> = {
  event_attended: t('参加活动：{name}', 'Attended: {name}'),
  webinar_attended: t('观看直播：{name}', 'Watched: {name}'),
  email_opened: t('打开邮件：{name}', 'Opened: {name}'),
  email_clicked: t('点击邮件链接：{name}', 'Clicked: {name}'),
  page_visited: t('访问页面：{name}', 'Visited: {name}'),
  form_submitted: t('提交表单：{name}', 'Submitted: {name}'),
}

export const taskTitles = {
  renewal: t('续约需求复核：{company}', 'Renewal needs review: {company}'),
  overdue: t('催收逾期款项：{number}', 'Chase overdue payment {number}'),
  quote: t('准备报价与商务条款：{opp}', 'Prepare quote and terms: {opp}'),
  demo: t('准备方案演示：{opp}', 'Prepare the solution demo: {opp}'),
  ticket: t('跟进紧急工单：{subject}', 'Follow up urgent ticket: {subject}'),
  legal: t('审阅合同条款：{number}', 'Review contract terms: {number}'),
  discount: t('审批折扣申请：{opp}', 'Approve discount request: {opp}'),
  review: t('战略客户季度回顾：{company}', 'Quarterly strategic account review: {company}'),
  health: t('客户健康度回访：{company}', 'Health check call: {company}'),
}

export const contractTerms = t(
  '年度订阅，按{period}预付；服务等级 99.9%；含 {seats} 个用户席位；到期前 90 天书面确认是否续约。',
  'Annual subscription paid {period} in advance; 99.9% service level; {seats} user seats; renewal confirmed in writing 90 days before the end.',
)
export const billingPeriods = { 1: t('年', 'yearly'), 2: t('半年', 'half-yearly'), 4: t('季度', 'quarterly') }

export const accountDescription = t(
  '{city}{sub}企业，员工约 {employees} 人，{branches} 个分支机构。',
  '{sub} company in {city} with about {employees} staff and {branches} branches.',
)

export const leadNotes: readonly T[] = [
  t(
    '在峰会展台留下联系方式，对销售预测感兴趣',
    'Left details at our summit booth; interested in forecasting',
  ),
  t('官网下载白皮书后主动留言', 'Wrote to us after downloading the white paper'),
  t('合作伙伴推荐，正在评估替换现有系统', 'Partner referral; evaluating a replacement for their system'),
  t('直播间提问较多，有明确采购计划', 'Asked many questions in the webinar; has a buying plan'),
]
