import type { buyingRoles } from '@openkam/contract'
import type { T } from './demo-random'

const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })

export type DemoIndustry =
  'manufacturing' | 'finance' | 'retail' | 'healthcare' | 'education' | 'saas' | 'logistics' | 'energy'

/** A sub-industry and the word it puts in a company name. */
export type Sub = { sub: T; word: T }
const sub = (zh: string, en: string, wordZh: string, wordEn: string): Sub => ({
  sub: t(zh, en),
  word: t(wordZh, wordEn),
})

export const industryWords: Record<DemoIndustry, { label: T; subs: Sub[]; pains: T[] }> = {
  manufacturing: {
    label: t('制造业', 'Manufacturing'),
    subs: [
      sub('汽车零部件', 'Auto parts', '汽车零部件', 'Auto Parts'),
      sub('精密机械', 'Precision machinery', '精密机械', 'Precision Machinery'),
      sub('电子元器件', 'Electronic components', '电子科技', 'Electronics'),
      sub('新材料', 'Advanced materials', '新材料', 'Advanced Materials'),
      sub('智能装备', 'Smart equipment', '智能装备', 'Smart Equipment'),
    ],
    pains: [
      t('经销商渠道库存与回款不透明', 'Little visibility of dealer stock and collections'),
      t('大客户项目报价周期长', 'Slow quoting for large customer projects'),
      t('售后服务响应慢，备件调度靠电话', 'Slow after-sales service; spare parts dispatched by phone'),
    ],
  },
  finance: {
    label: t('金融', 'Finance'),
    subs: [
      sub('城市商业银行', 'City commercial bank', '银行', 'Bank'),
      sub('证券', 'Securities', '证券', 'Securities'),
      sub('财产保险', 'Property insurance', '财产保险', 'Insurance'),
      sub('融资租赁', 'Financial leasing', '融资租赁', 'Financial Leasing'),
    ],
    pains: [
      t(
        '对公客户经理流动大，客户关系随人走',
        'Relationship managers leave and take the relationship with them',
      ),
      t('合规审计要求完整的客户接触记录', 'Compliance needs a complete record of customer contact'),
      t('交叉销售机会识别靠经验', 'Cross-sell opportunities found by gut feeling'),
    ],
  },
  retail: {
    label: t('零售', 'Retail'),
    subs: [
      sub('连锁超市', 'Supermarket chain', '连锁超市', 'Supermarkets'),
      sub('百货商场', 'Department stores', '百货', 'Department Stores'),
      sub('品牌服饰', 'Fashion brand', '服饰', 'Fashion'),
      sub('家居用品', 'Home goods', '家居', 'Home'),
    ],
    pains: [
      t('门店与总部数据割裂', 'Store and head-office data do not meet'),
      t('大宗团购客户复购率低', 'Low repeat purchase from corporate buyers'),
      t('促销活动效果无法衡量', 'No way to measure promotions'),
    ],
  },
  healthcare: {
    label: t('医疗健康', 'Healthcare'),
    subs: [
      sub('医疗器械', 'Medical devices', '医疗器械', 'Medical Devices'),
      sub('生物医药', 'Biopharma', '生物医药', 'Biopharma'),
      sub('连锁药房', 'Pharmacy chain', '大药房', 'Pharmacies'),
      sub('民营医院', 'Private hospitals', '医院管理', 'Hospital Management'),
    ],
    pains: [
      t('医院客户决策链长、科室多', 'Long decision chains across many hospital departments'),
      t('学术推广活动难以追踪转化', 'Medical education events are hard to tie to sales'),
      t('设备装机后维保续约率低', 'Low service renewal after installation'),
    ],
  },
  education: {
    label: t('教育', 'Education'),
    subs: [
      sub('职业教育', 'Vocational training', '职业教育', 'Vocational Education'),
      sub('国际学校', 'International schools', '教育', 'Education'),
      sub('在线教育', 'Online learning', '在线教育', 'Online Learning'),
      sub('企业培训', 'Corporate training', '企业培训', 'Corporate Training'),
    ],
    pains: [
      t('招生线索分散在多个渠道', 'Enrolment leads scattered across channels'),
      t('企业客户续费依赖个人关系', 'Corporate renewals depend on personal relationships'),
    ],
  },
  saas: {
    label: t('软件与 SaaS', 'Software and SaaS'),
    subs: [
      sub('企业软件', 'Enterprise software', '软件', 'Software'),
      sub('数据服务', 'Data services', '数据科技', 'Data'),
      sub('云计算', 'Cloud computing', '云计算', 'Cloud'),
      sub('网络安全', 'Cyber security', '信息安全', 'Security'),
    ],
    pains: [
      t('续费前才发现客户活跃度下降', 'Usage drops are noticed only at renewal'),
      t('销售与客户成功交接信息丢失', 'Information lost in the sales-to-CSM handoff'),
      t('扩容和增购机会没有系统识别', 'Expansion opportunities are not spotted systematically'),
    ],
  },
  logistics: {
    label: t('物流', 'Logistics'),
    subs: [
      sub('合同物流', 'Contract logistics', '供应链管理', 'Supply Chain'),
      sub('冷链物流', 'Cold chain', '冷链物流', 'Cold Chain'),
      sub('快运', 'Express freight', '快运', 'Express'),
      sub('国际货代', 'Freight forwarding', '国际货运代理', 'Freight Forwarding'),
    ],
    pains: [
      t('大客户运价合同到期无人跟进', 'Freight contracts expire without follow-up'),
      t('异常件投诉处理慢', 'Slow handling of exception complaints'),
      t('账期长，应收账款压力大', 'Long payment terms and high receivables'),
    ],
  },
  energy: {
    label: t('能源', 'Energy'),
    subs: [
      sub('光伏', 'Solar', '光伏科技', 'Solar'),
      sub('储能', 'Energy storage', '储能', 'Energy Storage'),
      sub('燃气', 'Gas utilities', '燃气', 'Gas'),
    ],
    pains: [
      t('项目型销售周期长、参与方多', 'Long project sales with many parties'),
      t('工商业客户分布广，服务半径大', 'Commercial customers spread over a wide area'),
    ],
  },
}

export const commonPains: readonly T[] = [
  t('客户信息散落在个人 Excel 和微信里', 'Customer information lives in personal spreadsheets and chats'),
  t('管理层看不到可信的销售预测', 'Management has no forecast it trusts'),
  t('大客户流失前没有预警', 'No warning before a key account leaves'),
  t('销售过程不规范，新人上手慢', 'No standard sales process; new hires ramp slowly'),
  t('回款逾期多，合同与发票对不上', 'Overdue payments; contracts and invoices do not match'),
]

export const sizeLabels: Record<'large' | 'growth' | 'small', T> = {
  large: t('大型集团', 'Large group'),
  growth: t('成长型企业', 'Growth company'),
  small: t('中小企业', 'Small business'),
}

export const maturityLabels: Record<'awareness' | 'evaluation' | 'decision' | 'retention', T> = {
  awareness: t('认知期', 'Awareness'),
  evaluation: t('评估期', 'Evaluation'),
  decision: t('决策期', 'Decision'),
  retention: t('留存续约期', 'Retention'),
}

export const competitorProducts: readonly T[] = [
  t('Salesforce', 'Salesforce'),
  t('纷享销客', 'Fxiaoke'),
  t('销售易', 'Neocrm'),
  t('Microsoft Dynamics 365', 'Microsoft Dynamics 365'),
  t('HubSpot', 'HubSpot'),
  t('用友 CRM', 'Yonyou CRM'),
  t('自研系统', 'In-house system'),
  t('Excel 表格', 'Spreadsheets'),
]

export const decisionDepartments: readonly T[] = [
  t('信息技术部', 'IT'),
  t('销售运营部', 'Sales operations'),
  t('采购部', 'Procurement'),
  t('总经办', "CEO's office"),
  t('数字化转型办公室', 'Digital transformation office'),
]

export const decisionMakers: readonly T[] = [
  t('CIO、销售副总裁、采购总监', 'CIO, VP Sales, Head of Procurement'),
  t('总经理、财务总监', 'General manager, Finance director'),
  t('CEO、CTO', 'CEO, CTO'),
  t('董事长、运营副总裁', 'Chairman, VP Operations'),
  t('分管副总、信息中心主任', 'Deputy general manager, Head of IT'),
]

type BuyingRole = (typeof buyingRoles)[number]
/** A position in a customer's organisation: buying role, title and department. */
export type Position = { role: BuyingRole; title: T; department: T }
const pos = (role: BuyingRole, title: T, department: T): Position => ({ role, title, department })

const dept = {
  exec: t('总经办', 'Executive office'),
  it: t('信息技术部', 'IT'),
  sales: t('销售部', 'Sales'),
  finance: t('财务部', 'Finance'),
  purchase: t('采购部', 'Procurement'),
  service: t('客户服务部', 'Customer service'),
  marketing: t('市场部', 'Marketing'),
  ops: t('运营部', 'Operations'),
}

/** Who heads the buying committee. */
export const heads: readonly Position[] = [
  pos('economic_buyer', t('总经理', 'General Manager'), dept.exec),
  pos('economic_buyer', t('首席执行官', 'Chief Executive Officer'), dept.exec),
  pos('economic_buyer', t('首席信息官', 'Chief Information Officer'), dept.it),
  pos('economic_buyer', t('销售副总裁', 'VP Sales'), dept.sales),
  pos('economic_buyer', t('运营副总裁', 'VP Operations'), dept.ops),
]

/** Department heads who report to the head. */
export const leads: readonly Position[] = [
  pos('financial_controller', t('财务总监', 'Finance Director'), dept.finance),
  pos('financial_controller', t('采购总监', 'Head of Procurement'), dept.purchase),
  pos('technical_evaluator', t('IT 总监', 'IT Director'), dept.it),
  pos('influencer', t('销售总监', 'Sales Director'), dept.sales),
  pos('influencer', t('市场总监', 'Marketing Director'), dept.marketing),
  pos('influencer', t('客服总监', 'Customer Service Director'), dept.service),
]

/** Everyone else. */
export const staff: readonly Position[] = [
  pos('user', t('销售经理', 'Sales Manager'), dept.sales),
  pos('user', t('大客户经理', 'Key Account Manager'), dept.sales),
  pos('user', t('区域经理', 'Regional Manager'), dept.sales),
  pos('user', t('客服主管', 'Service Supervisor'), dept.service),
  pos('user', t('销售运营专员', 'Sales Operations Specialist'), dept.ops),
  pos('user', t('商务助理', 'Sales Assistant'), dept.sales),
  pos('technical_evaluator', t('系统架构师', 'Solutions Architect'), dept.it),
  pos('technical_evaluator', t('数据平台负责人', 'Head of Data Platform'), dept.it),
  pos('technical_evaluator', t('信息安全经理', 'Information Security Manager'), dept.it),
  pos('influencer', t('市场经理', 'Marketing Manager'), dept.marketing),
  pos('financial_controller', t('采购经理', 'Procurement Manager'), dept.purchase),
  pos('financial_controller', t('财务经理', 'Finance Manager'), dept.finance),
]

export const lossReasons: readonly T[] = [
  t('价格高于竞品约 20%，客户选择了竞品', 'About 20% dearer than the competitor they chose'),
  t('预算冻结，项目推迟到明年', 'Budget frozen; project pushed to next year'),
  t('客户决定继续使用自研系统', 'They decided to keep their in-house system'),
  t('关键支持人离职，决策链断裂', 'Our champion left and the decision chain broke'),
  t('需求与产品能力不匹配（需要本地化部署）', 'Needs did not fit (on-premises deployment required)'),
  t('集团统一采购，选择了集团供应商', 'Group procurement chose the group-wide vendor'),
]

export const opportunitySources: readonly string[] = [
  'referral',
  'event',
  'website',
  'existing_customer',
  'partner',
]

/** What the demo company sells. */
export const products: readonly T[] = [
  t('客户管理平台', 'Customer platform'),
  t('数据中台', 'Data hub'),
  t('营销自动化', 'Marketing automation'),
  t('智能客服', 'AI service desk'),
  t('供应链协同门户', 'Supply chain portal'),
  t('销售驾驶舱', 'Sales cockpit'),
  t('伙伴门户', 'Partner portal'),
]

export const addOns: readonly T[] = [
  t('增购席位', 'Extra seats'),
  t('年度运维服务', 'Annual support'),
  t('培训服务包', 'Training package'),
  t('BI 报表模块', 'BI reporting module'),
  t('移动端模块', 'Mobile module'),
  t('API 集成包', 'API integration pack'),
]
