import {
  activityKinds,
  buyingRoles,
  demandMaturities,
  financialHealths,
  industries,
  leadSources,
  leadStatuses,
  levels3,
  lifecycleStages,
  marketScopes,
  sizeBands,
  stances,
  tiers,
  builtinObjects,
  optionLabelsEn,
  optionLabelsZh,
  type ImportObject,
} from '@openkam/contract'

export type FieldKind = 'text' | 'int' | 'decimal' | 'currency' | 'enum' | 'bool' | 'list' | 'datetime' | 'id'

/** References resolved in bulk by the importer rather than copied into the record as they are. */
export type RefKind = 'owner' | 'csm' | 'account' | 'accountCreditCode' | 'contactEmails'

/**
 * One importable field. `key` is its name in mappings and reports and, unless it is a `ref`,
 * its path in the API's create payload ('annualSpend.amount' → `{annualSpend: {amount}}`).
 */
export type ImportField = {
  key: string
  kind: FieldKind
  labels: string[]
  values?: readonly string[]
  /** A custom select's option labels (lower case) → values. */
  optionLabels?: Record<string, string>
  ref?: RefKind
}

const f = (key: string, kind: FieldKind, labels: string, extra: Partial<ImportField> = {}): ImportField => ({
  key,
  kind,
  labels: labels ? labels.split('|') : [],
  ...extra,
})
const e = (key: string, values: readonly string[], labels: string) => f(key, 'enum', labels, { values })

const ownerFields = [
  f('ownerId', 'id', 'Owner id'),
  f('owner', 'text', 'Owner|Owner e-mail|负责人|负责人邮箱|客户经理', { ref: 'owner' }),
]
const accountRefFields = [
  f('accountId', 'id', 'Account id|客户ID'),
  f('account', 'text', 'Account|Account name|Company|客户|客户名称|公司|公司名称', { ref: 'account' }),
  f(
    'accountCreditCode',
    'text',
    'Account credit code|Credit code|客户统一社会信用代码|统一社会信用代码|信用代码',
    {
      ref: 'accountCreditCode',
    },
  ),
]

export const importFields: Record<ImportObject, ImportField[]> = {
  accounts: [
    f('name', 'text', 'Name|Account name|Company|Company name|客户名称|名称|公司名称|企业名称'),
    e('industry', industries, 'Industry|行业'),
    f('subIndustry', 'text', 'Sub-industry|细分行业|子行业'),
    f('creditCode', 'text', 'Credit code|Unified social credit code|USCC|统一社会信用代码|信用代码'),
    f('domain', 'text', 'Domain|域名'),
    f('website', 'text', 'Website|网站|官网'),
    f('phone', 'text', 'Phone|电话'),
    f('address', 'text', 'Address|地址'),
    f('annualRevenue.amount', 'decimal', 'Annual revenue|annualRevenue|年营收|营业收入|年收入'),
    f('annualRevenue.currency', 'currency', 'Annual revenue currency|annualRevenueCurrency|营收币种'),
    f('employees', 'int', 'Employees|员工数|员工人数'),
    f('branches', 'int', 'Branches|分支机构数'),
    e('sizeBand', sizeBands, 'Size band|规模'),
    f('region', 'text', 'Region|区域|地区'),
    e('marketScope', marketScopes, 'Market scope|市场范围'),
    e('techMaturity', levels3, 'Tech maturity|Technology maturity|技术成熟度'),
    f('competitorProducts', 'list', 'Competitor products|竞品'),
    f('decisionDepartment', 'text', 'Decision department|决策部门'),
    f('decisionMakers', 'text', 'Decision makers|决策人'),
    f('decisionCycleDays', 'int', 'Decision cycle days|Decision cycle|决策周期'),
    f('painPoints', 'list', 'Pain points|痛点'),
    e('profitability', levels3, 'Profitability|盈利能力'),
    e('cashFlow', levels3, 'Cash flow|现金流'),
    e('paymentRisk', levels3, 'Payment risk|付款风险'),
    e('financialHealth', financialHealths, 'Financial health|财务健康'),
    f('annualSpend.amount', 'decimal', 'Annual spend|annualSpend|年度采购额|年采购额|年度消费'),
    f('annualSpend.currency', 'currency', 'Annual spend currency|annualSpendCurrency|Currency|币种'),
    e('tier', tiers, 'Tier|等级|客户等级|服务分层'),
    f('segment', 'text', 'Segment|细分市场'),
    e('demandMaturity', demandMaturities, 'Demand maturity|需求成熟度'),
    e('lifecycleStage', lifecycleStages, 'Lifecycle stage|生命周期阶段'),
    f('description', 'text', 'Description|描述|备注'),
    ...ownerFields,
    f('csmId', 'id', 'CSM id'),
    f('csm', 'text', 'CSM|CSM e-mail|客户成功经理', { ref: 'csm' }),
  ],
  contacts: [
    ...accountRefFields,
    f('name', 'text', 'Name|Contact name|Contact|名称|姓名|联系人|联系人姓名'),
    f('title', 'text', 'Title|Job title|职位|职务'),
    f('department', 'text', 'Department|部门'),
    f('email', 'text', 'E-mail|Email address|邮箱|电子邮件'),
    f('phone', 'text', 'Phone|Mobile|电话|手机'),
    e('buyingRole', buyingRoles, 'Buying role|采购角色'),
    f('influence', 'int', 'Influence|影响力'),
    e('stance', stances, 'Stance|立场|态度'),
    f('relationshipStrength', 'int', 'Relationship strength|关系强度'),
    f('active', 'bool', 'Active|在职'),
    f('notes', 'text', 'Notes|备注'),
    ...ownerFields,
  ],
  activities: [
    ...accountRefFields,
    f('contactEmails', 'list', 'Contacts|Contact e-mails|联系人|联系人邮箱', { ref: 'contactEmails' }),
    e('kind', activityKinds, 'Kind|Type|类型'),
    f('subject', 'text', 'Subject|Title|主题|标题'),
    f('body', 'text', 'Body|Content|Minutes|内容|纪要'),
    f('occurredAt', 'datetime', 'Occurred at|When|Date|Time|时间|日期'),
    f('durationMinutes', 'int', 'Duration|Duration minutes|时长|时长分钟'),
    f('location', 'text', 'Location|地点'),
    ...ownerFields,
  ],
  // No score: scoring computes it after the import (a written score would be replaced).
  leads: [
    f('name', 'text', 'Name|Lead name|Contact|Contact name|名称|姓名|联系人|联系人姓名|线索名称'),
    f('company', 'text', 'Company|Company name|Organization|Account|公司|公司名称|企业名称|单位|客户名称'),
    f('title', 'text', 'Title|Job title|职位|职务'),
    f('email', 'text', 'E-mail|Email address|邮箱|电子邮件'),
    f('phone', 'text', 'Phone|Mobile|电话|手机'),
    e('source', leadSources, 'Source|Lead source|来源|线索来源|渠道'),
    e('status', leadStatuses, 'Status|Lead status|状态|线索状态'),
    e('industry', industries, 'Industry|行业'),
    f('region', 'text', 'Region|City|区域|地区|城市'),
    f('employees', 'int', 'Employees|Company size|员工数|员工人数|公司规模'),
    f('domain', 'text', 'Domain|Company domain|域名'),
    f('creditCode', 'text', 'Credit code|Unified social credit code|USCC|统一社会信用代码|信用代码'),
    f('notes', 'text', 'Notes|Message|Comment|备注|留言'),
    ...ownerFields,
  ],
}

/**
 * Each enum field also takes its options' labels in either language, from the object model (a file
 * saying 大型集团 or "Large group" imports as `large`), besides the value itself and `valueLabels`.
 */
for (const [object, fields] of Object.entries(importFields)) {
  for (const f of fields) {
    const model = builtinObjects[object]?.fields.find((m) => m.key === f.key)
    if (f.kind !== 'enum' || !model || model.type !== 'enum') continue
    const labels: Record<string, string> = {}
    for (const group of [optionLabelsEn, optionLabelsZh] as Record<string, Record<string, string>>[])
      for (const [value, label] of Object.entries(group[model.enum] ?? {}))
        if (model.values.includes(value)) labels[label.trim().toLowerCase()] = value
    f.optionLabels = labels
  }
}

/** Groups of which at least one field must be mapped for the file to be importable at all. */
export const requiredFields: Record<ImportObject, string[][]> = {
  accounts: [['name']],
  contacts: [['name'], ['accountId', 'account', 'accountCreditCode']],
  activities: [['kind'], ['subject'], ['accountId', 'account', 'accountCreditCode']],
  leads: [['name']],
}

/** Chinese (and a few English) names of enum values, so a file in either language imports. */
const valueLabels: Record<string, string> = {
  制造业: 'manufacturing',
  制造: 'manufacturing',
  金融: 'finance',
  零售: 'retail',
  医疗: 'healthcare',
  医疗健康: 'healthcare',
  教育: 'education',
  软件: 'saas',
  物流: 'logistics',
  能源: 'energy',
  政府: 'government',
  其他: 'other',
  战略: 'strategic',
  战略客户: 'strategic',
  成长: 'growth',
  成长客户: 'growth',
  基础: 'essential',
  基础客户: 'essential',
  低: 'low',
  中: 'medium',
  高: 'high',
  电话: 'call',
  邮件: 'email',
  会议: 'meeting',
  拜访: 'visit',
  咨询: 'enquiry',
  笔记: 'note',
  使用者: 'user',
  技术评估者: 'technical_evaluator',
  影响者: 'influencer',
  财务把关者: 'financial_controller',
  决策者: 'economic_buyer',
  拥护者: 'champion',
  支持者: 'supporter',
  中立: 'neutral',
  怀疑者: 'skeptic',
  反对者: 'blocker',
  inquiry: 'enquiry',
  官网: 'website',
  网站: 'website',
  广告: 'ads',
  活动: 'event',
  展会: 'event',
  转介绍: 'referral',
  推荐: 'referral',
  导入: 'import',
  合作伙伴: 'partner',
  新线索: 'new',
  新建: 'new',
  跟进中: 'working',
  已确认: 'qualified',
  合格: 'qualified',
  已转化: 'converted',
  无效: 'disqualified',
}

/** Header and label comparison ignores case, spaces and punctuation: "Owner e-mail" = "owneremail". */
export const normalize = (s: string) => s.toLowerCase().replace(/[\s\-_.()（）:：/]/g, '')

/** The value of an enum cell: the value itself in any case, or a label of it. */
export function enumValue(values: readonly string[], raw: string): string {
  const v = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (values.includes(v)) return v
  const labelled = valueLabels[raw.trim()] ?? valueLabels[v]
  return labelled && values.includes(labelled) ? labelled : raw.trim()
}

export type Converted = { ok: true; value: unknown } | { ok: false; message: string }

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '在职'])
const FALSE = new Set(['false', 'no', 'n', '0', '否', '离职'])

/** A cell's text as the API would receive it, or why it cannot be. Empty cells never get here. */
export function convertCell(field: ImportField, raw: string): Converted {
  const s = raw.trim()
  switch (field.kind) {
    case 'int': {
      const t = s.replace(/[,\s]/g, '')
      return /^[+-]?\d+(\.0+)?$/.test(t)
        ? { ok: true, value: Number.parseInt(t, 10) }
        : { ok: false, message: `"${s}" is not a whole number` }
    }
    case 'decimal':
      return { ok: true, value: s.replace(/[,\s¥￥$]/g, '') }
    case 'currency':
      return { ok: true, value: s.toUpperCase() }
    case 'enum':
      return { ok: true, value: field.optionLabels?.[s.toLowerCase()] ?? enumValue(field.values ?? [], s) }
    case 'bool': {
      const t = s.toLowerCase()
      if (TRUE.has(t)) return { ok: true, value: true }
      if (FALSE.has(t)) return { ok: true, value: false }
      return { ok: false, message: `"${s}" is not true or false` }
    }
    case 'list':
      return {
        ok: true,
        value: s
          .split(/[;；\n]/)
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => field.optionLabels?.[x.toLowerCase()] ?? x),
      }
    case 'datetime':
      return dateTime(s)
    default:
      return { ok: true, value: s }
  }
}

/**
 * ISO-8601 with an offset passes as is; a date, or a date and time without an offset, is read as UTC
 * (2026-01-31, 2026/1/31 14:30, 2026-01-31T14:30:00).
 */
export function dateTime(s: string): Converted {
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      s,
    )
  const bad = {
    ok: false as const,
    message: `"${s}" is not a date and time; use 2026-01-31 14:30 (UTC) or ISO-8601 with an offset`,
  }
  if (!m) return bad
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m
  const wall = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec))
  if (wall.getUTCMonth() !== +mo! - 1 || wall.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +sec > 59)
    return bad
  const pad = (x: string) => x.padStart(2, '0')
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const date = new Date(`${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(sec)}${frac}${offset}`)
  return Number.isNaN(date.getTime()) ? bad : { ok: true, value: date.toISOString() }
}
