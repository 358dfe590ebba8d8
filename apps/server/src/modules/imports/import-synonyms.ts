import type { FieldKind, RefKind } from './import-fields'

/**
 * Headers a file may use for a built-in field besides its key and its English and Chinese labels (which
 * come from the object model): common synonyms in either language, by object and field key. Money fields
 * take theirs on `<key>.amount` and `<key>.currency`. Data, not a field list: the fields themselves and
 * their kinds come from the object model.
 */
export const headerSynonyms: Record<string, Record<string, string>> = {
  accounts: {
    name: 'Account name|Company|Company name|客户名称|公司名称|企业名称',
    subIndustry: '子行业',
    creditCode: 'USCC|信用代码',
    website: '官网',
    'annualRevenue.amount': '营业收入|年收入',
    'annualRevenue.currency': '营收币种',
    employees: '员工人数',
    region: '地区',
    techMaturity: 'Technology maturity|技术成熟度',
    competitorProducts: '竞品',
    decisionDepartment: '决策部门',
    decisionMakers: '决策人',
    decisionCycleDays: 'Decision cycle|决策周期',
    'annualSpend.amount': '年度采购额|年采购额',
    'annualSpend.currency': 'Currency|币种',
    tier: '等级|客户等级',
    description: '备注',
  },
  contacts: {
    name: 'Contact name|Contact|姓名|联系人|联系人姓名',
    title: 'Job title|职务',
    email: 'Email address|电子邮件',
    phone: 'Mobile|手机',
    stance: '立场',
  },
  activities: {
    kind: 'Type',
    subject: 'Title|标题',
    body: 'Content|Minutes|内容|纪要',
    occurredAt: 'Date|Time|日期',
    durationMinutes: 'Duration|时长',
    location: 'Location|地点',
  },
  leads: {
    name: 'Lead name|Contact|Contact name|姓名|联系人|联系人姓名|线索名称',
    company: 'Company name|Organization|Account|公司名称|企业名称|单位|客户名称',
    title: 'Job title|职务',
    email: 'Email address|电子邮件',
    phone: 'Mobile|手机',
    source: 'Lead source|线索来源|渠道',
    status: 'Lead status|线索状态',
    region: 'City|地区|城市',
    employees: 'Company size|员工人数|公司规模',
    domain: 'Company domain',
    creditCode: 'USCC|信用代码',
    notes: 'Message|Comment|留言',
  },
}

/** An importer-only column standing for a reference field: the referenced record by something people know. */
export type ReferenceColumn = {
  key: string
  ref: RefKind
  kind: FieldKind
  /** The reference field's own labels name this column (people write names, not ids). */
  takesLabels?: boolean
  synonyms: string
}

/**
 * The reference fields the importer resolves (only these are importable; others would need a lookup it
 * does not have): each keeps its id column (`<key>`, "<label> id") unless `idColumn` is false, and gets
 * columns that find the record by e-mail, name or credit code.
 */
export const referenceColumns: Record<string, { idColumn: boolean; columns: ReferenceColumn[] }> = {
  ownerId: {
    idColumn: true,
    columns: [
      {
        key: 'owner',
        ref: 'owner',
        kind: 'text',
        takesLabels: true,
        synonyms: 'Owner e-mail|负责人邮箱|客户经理',
      },
    ],
  },
  csmId: {
    idColumn: true,
    columns: [{ key: 'csm', ref: 'csm', kind: 'text', takesLabels: true, synonyms: 'CSM e-mail' }],
  },
  accountId: {
    idColumn: true,
    columns: [
      {
        key: 'account',
        ref: 'account',
        kind: 'text',
        takesLabels: true,
        synonyms: 'Account name|Company|客户名称|公司|公司名称',
      },
      {
        key: 'accountCreditCode',
        ref: 'accountCreditCode',
        kind: 'text',
        synonyms: 'Account credit code|Credit code|客户统一社会信用代码|统一社会信用代码|信用代码',
      },
    ],
  },
  contactIds: {
    idColumn: false,
    columns: [
      {
        key: 'contactEmails',
        ref: 'contactEmails',
        kind: 'list',
        takesLabels: true,
        synonyms: 'Contact e-mails|联系人邮箱',
      },
    ],
  },
}

/**
 * Fields a built-in object's create schema takes that its object-model description does not list (yet),
 * with the model type they would have; the model's own description wins once it has them.
 */
export const fieldsMissingFromModel: Record<string, Record<string, 'text' | 'contacts'>> = {
  activities: { location: 'text', contactIds: 'contacts' },
}
