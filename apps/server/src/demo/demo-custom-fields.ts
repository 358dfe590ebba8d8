import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { defineFieldsNow, setCustomValues } from '../modules/fields'
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
  return setCustomValues(tx, ctx, 'accounts', (r) => {
    const spend = Number(r.annualSpend ?? 0)
    return {
      erp: erps[pick(r.id, erps.length)],
      ...(spend > 0 ? { creditLimit: { amount: String(Math.round(spend * 0.3)), currency: 'CNY' } } : {}),
      referenceCustomer: spend >= 1_000_000 && pick(r.id, 3) === 0,
    }
  })
}
