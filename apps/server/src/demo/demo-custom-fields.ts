import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { and, asc, eq, isNull } from 'drizzle-orm'
import {
  createCustomObject,
  defineFieldsNow,
  recordCollectionFor,
  saveLayout,
  setCustomValues,
} from '../modules/fields'
import { setRoleFieldAccess } from '../modules/users'
import { accounts } from '../modules/accounts'
import { contacts } from '../modules/contacts'
import type { Lang } from './demo-data'

const erps = ['sap', 'oracle', 'kingdee', 'yonyou', 'in_house'] as const

/** A stable choice per record: the demo is deterministic for a language. */
const pick = (id: string, n: number) => parseInt(id.replaceAll('-', '').slice(-6), 16) % n

/**
 * The form engine in the demo (issue 15): custom fields on accounts — the ERP in use (a select with
 * colours), a credit limit (money), spend per employee (a formula) and whether the account is a
 * reference customer (yes/no) — with values on every account.
 */
export async function seedCustomFieldDemo(tx: Executor, ctx: Ctx, lang: Lang) {
  const zh = lang === 'zh-CN'
  await defineFieldsNow(tx, ctx, [
    {
      object: 'accounts',
      key: 'erp',
      type: 'select',
      label: zh ? '在用 ERP' : 'ERP in use',
      labels: { en: 'ERP in use', 'zh-CN': '在用 ERP' },
      helpText: zh
        ? '客户当前使用的 ERP 系统，决定集成方案'
        : 'The ERP the customer runs; it decides the integration',
      filterable: true,
      options: [
        { value: 'sap', label: 'SAP', color: '#1677ff' },
        { value: 'oracle', label: 'Oracle', color: '#f5222d' },
        {
          value: 'kingdee',
          label: zh ? '金蝶' : 'Kingdee',
          labels: { en: 'Kingdee', 'zh-CN': '金蝶' },
          color: '#13c2c2',
        },
        {
          value: 'yonyou',
          label: zh ? '用友' : 'Yonyou',
          labels: { en: 'Yonyou', 'zh-CN': '用友' },
          color: '#fa8c16',
        },
        {
          value: 'in_house',
          label: zh ? '自研' : 'In-house',
          labels: { en: 'In-house', 'zh-CN': '自研' },
          color: '#8c8c8c',
        },
      ],
    },
    {
      object: 'accounts',
      key: 'creditLimit',
      type: 'money',
      label: zh ? '信用额度' : 'Credit limit',
      labels: { en: 'Credit limit', 'zh-CN': '信用额度' },
      min: 0,
      helpText: zh ? '财务核定的赊销上限' : 'The most finance lets the customer owe',
    },
    {
      object: 'accounts',
      key: 'spendPerEmployee',
      type: 'formula',
      label: zh ? '人均采购额' : 'Spend per employee',
      labels: { en: 'Spend per employee', 'zh-CN': '人均采购额' },
      formula: 'ROUND(annualSpend / employees, 0)',
      resultType: 'number',
      filterable: true,
      sortable: true,
    },
    {
      object: 'accounts',
      key: 'referenceCustomer',
      type: 'boolean',
      label: zh ? '标杆客户' : 'Reference customer',
      labels: { en: 'Reference customer', 'zh-CN': '标杆客户' },
      filterable: true,
    },
  ])
  // Open tickets per account, kept current by the tickets' events.
  await defineFieldsNow(tx, ctx, [
    {
      object: 'accounts',
      key: 'openTickets',
      position: 4,
      type: 'rollup',
      label: zh ? '未结工单' : 'Open tickets',
      labels: { en: 'Open tickets', 'zh-CN': '未结工单' },
      filterable: true,
      sortable: true,
      rollup: { object: 'tickets', via: 'accountId', fn: 'count', filter: { status: 'new,open,pending' } },
    },
  ])
  // The credit limit is for finance and administrators only (field-level security, R-23).
  for (const role of ['executive', 'sales_manager', 'sales', 'presales', 'csm', 'legal'])
    await setRoleFieldAccess(tx, ctx, role, 'accounts', { 'custom.creditLimit': 'hidden' })
  // A designed account form: the ERP section shows only when an ERP is known.
  await saveLayout(
    tx,
    ctx,
    'accounts',
    {
      version: 0,
      sections: [
        {
          id: 'company',
          title: zh ? '公司' : 'Company',
          titles: { en: 'Company', 'zh-CN': '公司' },
          columns: 2,
          fields: [
            'name',
            'industry',
            'subIndustry',
            'creditCode',
            'domain',
            'website',
            'phone',
            'address',
            'region',
            'ownerId',
            'csmId',
            'teamId',
          ],
        },
        {
          id: 'size',
          title: zh ? '规模与价值' : 'Size and value',
          titles: { en: 'Size and value', 'zh-CN': '规模与价值' },
          columns: 3,
          fields: [
            'annualRevenue',
            'annualSpend',
            'employees',
            'branches',
            'sizeBand',
            'tier',
            'custom.spendPerEmployee',
            'custom.openTickets',
            'custom.referenceCustomer',
          ],
        },
        {
          id: 'erp',
          title: zh ? 'ERP 与信用' : 'ERP and credit',
          titles: { en: 'ERP and credit', 'zh-CN': 'ERP 与信用' },
          columns: 2,
          fields: ['custom.erp', 'custom.creditLimit'],
        },
        {
          id: 'erp_details',
          title: zh ? '集成说明' : 'Integration notes',
          titles: { en: 'Integration notes', 'zh-CN': '集成说明' },
          columns: 1,
          fields: ['techMaturity', 'competitorProducts'],
          visibleWhen: { field: 'custom.erp', op: 'not_empty' },
        },
      ],
    },
    lang,
  )
  return setCustomValues(tx, ctx, 'accounts', (r) => {
    const spend = Number(r.annualSpend ?? 0)
    return {
      erp: erps[pick(r.id, erps.length)],
      ...(spend > 0 ? { creditLimit: { amount: String(Math.round(spend * 0.3)), currency: 'CNY' } } : {}),
      referenceCustomer: spend >= 1_000_000 && pick(r.id, 3) === 0,
    }
  })
}

const purposes = ['relationship', 'demo', 'issue', 'renewal'] as const
const outcomes = ['good', 'neutral', 'poor'] as const

/**
 * A custom object in the demo: 现场拜访 / Site visit, related to an account and one of its contacts,
 * with a visit for each of the first accounts by name (a few dozen records), owned by the account's owner.
 */
export async function seedSiteVisitDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const zh = lang === 'zh-CN'
  const opt = (value: string, en: string, cn: string, color?: string) => ({
    value,
    label: zh ? cn : en,
    labels: { en, 'zh-CN': cn },
    ...(color ? { color } : {}),
  })
  await createCustomObject(tx, ctx, null, {
    key: 'site_visits',
    label: zh ? '现场拜访' : 'Site visit',
    pluralLabel: zh ? '现场拜访' : 'Site visits',
    labels: {
      en: { one: 'Site visit', many: 'Site visits' },
      'zh-CN': { one: '现场拜访', many: '现场拜访' },
    },
    icon: 'environment',
    fields: [
      {
        key: 'account',
        type: 'relation',
        relation: { object: 'accounts' },
        required: true,
        filterable: true,
        label: zh ? '客户' : 'Account',
        labels: { en: 'Account', 'zh-CN': '客户' },
      },
      {
        key: 'contact',
        type: 'relation',
        relation: { object: 'contacts' },
        filterable: true,
        label: zh ? '拜访对象' : 'Met',
        labels: { en: 'Met', 'zh-CN': '拜访对象' },
      },
      {
        key: 'visitDate',
        type: 'date',
        required: true,
        filterable: true,
        sortable: true,
        label: zh ? '拜访日期' : 'Visit date',
        labels: { en: 'Visit date', 'zh-CN': '拜访日期' },
      },
      {
        key: 'purpose',
        type: 'select',
        filterable: true,
        label: zh ? '目的' : 'Purpose',
        labels: { en: 'Purpose', 'zh-CN': '目的' },
        options: [
          opt('relationship', 'Relationship', '关系维护', '#1677ff'),
          opt('demo', 'Demo', '产品演示', '#722ed1'),
          opt('issue', 'Issue follow-up', '问题跟进', '#fa8c16'),
          opt('renewal', 'Renewal', '续约沟通', '#52c41a'),
        ],
      },
      {
        key: 'outcome',
        type: 'select',
        filterable: true,
        label: zh ? '结果' : 'Outcome',
        labels: { en: 'Outcome', 'zh-CN': '结果' },
        options: [
          opt('good', 'Good', '良好', '#52c41a'),
          opt('neutral', 'Neutral', '一般', '#faad14'),
          opt('poor', 'Poor', '不佳', '#f5222d'),
        ],
      },
      {
        key: 'attendees',
        type: 'number',
        min: 1,
        max: 50,
        label: zh ? '参与人数' : 'Attendees',
        labels: { en: 'Attendees', 'zh-CN': '参与人数' },
      },
      {
        key: 'notes',
        type: 'long_text',
        label: zh ? '纪要' : 'Notes',
        labels: { en: 'Notes', 'zh-CN': '纪要' },
      },
    ],
  })
  const accs = await tx
    .select({ id: accounts.id, name: accounts.name, ownerId: accounts.ownerId })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.name))
    .limit(36)
  const visits = recordCollectionFor('site_visits')
  let n = 0
  for (const [i, a] of accs.entries()) {
    const [c] = await tx
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.ws), eq(contacts.accountId, a.id)))
      .orderBy(asc(contacts.name))
      .limit(1)
    const day = new Date(now.getTime() - (5 + ((i * 11) % 120)) * 86_400_000).toISOString().slice(0, 10)
    await visits.create(tx, ctx, {
      name: zh ? `拜访${a.name}` : `Visit to ${a.name}`,
      ownerId: a.ownerId,
      custom: {
        account: a.id,
        ...(c ? { contact: c.id } : {}),
        visitDate: day,
        purpose: purposes[i % purposes.length],
        outcome: outcomes[(i * 7) % 5 === 0 ? 2 : i % 3 === 0 ? 1 : 0],
        attendees: 2 + (i % 5),
        notes: zh
          ? `与${c?.name ?? '客户团队'}面谈，回顾使用情况与下一步计划。`
          : `Met ${c?.name ?? 'the customer team'}; reviewed usage and next steps.`,
      },
    })
    n++
  }
  return n
}
