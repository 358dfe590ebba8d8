import type { Evidence } from './expansion.table'

type Lang = 'en' | 'zh-CN'
const tierNames: Record<string, Record<Lang, string>> = {
  strategic: { en: 'strategic', 'zh-CN': '战略' },
  growth: { en: 'growth', 'zh-CN': '成长' },
  essential: { en: 'essential', 'zh-CN': '基础' },
}
const tierOf = (v: unknown, lang: Lang) => tierNames[String(v)]?.[lang] ?? String(v ?? '—')
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
        ? `功能“${e.feature}”已用到套餐上限的 ${e.usedPercent}%：建议升级套餐或扩容。`
        : `The feature "${e.feature}" is at ${e.usedPercent}% of its plan limit: propose a larger plan.`
    case 'peer_module':
      return zh
        ? `同行业（${e.industry}）${e.peers} 个客户中有 ${e.peersWithModule} 个在用模块“${e.module}”，该客户尚未使用：建议交叉销售。`
        : `${e.peersWithModule} of ${e.peers} accounts in the same industry (${e.industry}) use the module "${e.module}"; this one does not: propose it.`
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
  const what = e.module ?? e.feature ?? (e.seats ? (zh ? '席位' : 'seats') : null)
  const label = kind === 'cross_sell' ? (zh ? '交叉销售' : 'cross-sell') : zh ? '增购' : 'upsell'
  return `${accountName} · ${label}${what ? ` · ${what}` : ''}`.slice(0, 200)
}
