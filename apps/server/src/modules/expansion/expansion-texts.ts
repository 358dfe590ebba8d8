import { optionLabelsEn, optionLabelsZh } from '@openkam/contract'
import type { Evidence } from './expansion.table'

type Lang = 'en' | 'zh-CN'
const tierNames: Record<string, Record<Lang, string>> = {
  strategic: { en: 'strategic', 'zh-CN': '战略' },
  growth: { en: 'growth', 'zh-CN': '成长' },
  essential: { en: 'essential', 'zh-CN': '基础' },
}
const tierOf = (v: unknown, lang: Lang) => tierNames[String(v)]?.[lang] ?? String(v ?? '—')
const industryOf = (v: unknown, lang: Lang) => {
  const labels: Record<string, string> = lang === 'zh-CN' ? optionLabelsZh.industry : optionLabelsEn.industry
  return labels[String(v)] ?? String(v ?? '—')
}
/** Names of the product modules and plan features the usage metrics are keyed by (module_<key>, limit_use_<key>). */
const productNames: Record<string, Record<Lang, string>> = {
  crm: { en: 'CRM', 'zh-CN': '客户管理' },
  analytics: { en: 'Analytics', 'zh-CN': '数据分析' },
  mobile_app: { en: 'Mobile app', 'zh-CN': '移动端' },
  api_calls: { en: 'API calls', 'zh-CN': '接口调用' },
  storage: { en: 'Storage', 'zh-CN': '存储空间' },
  seats: { en: 'Seats', 'zh-CN': '席位' },
}
/**
 * A module's or feature's name: a known one in the reader's language, else its key as words (`data_sync` →
 * "Data sync") — the key an integration chose, shown as it would be read rather than as a code.
 */
export const productName = (key: unknown, lang: Lang) => {
  const k = String(key ?? '')
  const known = productNames[k]?.[lang]
  if (known) return known
  const words = k.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
const amount = (v: unknown) => Number(v ?? 0).toLocaleString('en-US', { maximumFractionDigits: 0 })

/** Why a suggestion was made, from its rule and evidence, in the reader's language. */
export function reasonOf(rule: string, e: Evidence, lang: Lang): string {
  const zh = lang === 'zh-CN'
  switch (rule) {
    case 'seat_pressure':
      return zh
        ? `活跃用户 ${e.activeUsers} 人，已用满 ${e.seats} 个席位的 ${e.sharePercent}%：建议增购席位。`
        : `${e.activeUsers} active users fill ${e.sharePercent}% of the ${e.seats} seats: propose more seats.`
    case 'feature_limit':
      return zh
        ? `功能“${productName(e.feature, lang)}”已用到套餐上限的 ${e.usedPercent}%：建议升级套餐或扩容。`
        : `The feature "${productName(e.feature, lang)}" is at ${e.usedPercent}% of its plan limit: propose a larger plan.`
    case 'peer_module':
      return zh
        ? `同行业（${industryOf(e.industry, lang)}）${e.peers} 个客户中有 ${e.peersWithModule} 个在用模块“${productName(e.module, lang)}”，该客户尚未使用：建议交叉销售。`
        : `${e.peersWithModule} of ${e.peers} accounts in the same industry (${industryOf(e.industry, lang)}) use the module "${productName(e.module, lang)}"; this one does not: propose it.`
    case 'renewal_window':
      return zh
        ? `合同 ${e.contract} 将于 ${e.endDate} 到期（还有 ${e.daysLeft} 天），${tierOf(e.tier, lang)}客户：在续约时一并提出增购。`
        : `Contract ${e.contract} ends on ${e.endDate} (${e.daysLeft} days), a ${tierOf(e.tier, lang)} account: propose more with the renewal.`
    case 'tier_line':
      return zh
        ? `年度消费 ${amount(e.annualSpend)} ${e.currency} 已超过战略客户线 ${amount(e.strategicMin)}，但仍是成长客户：建议按战略客户方案增购。`
        : `Annual spend of ${amount(e.annualSpend)} ${e.currency} crossed the strategic line (${amount(e.strategicMin)}) while the account is still growth tier: propose the strategic package.`
    default:
      return rule
  }
}

/** The name of the opportunity an accepted suggestion creates. */
export function opportunityNameOf(accountName: string, kind: string, e: Evidence, lang: Lang): string {
  const zh = lang === 'zh-CN'
  const key = e.module ?? e.feature ?? null
  const what = key ? productName(key, lang) : e.seats ? (zh ? '席位' : 'seats') : null
  const label = kind === 'cross_sell' ? (zh ? '交叉销售' : 'cross-sell') : zh ? '增购' : 'upsell'
  return `${accountName} · ${label}${what ? ` · ${what}` : ''}`.slice(0, 200)
}
