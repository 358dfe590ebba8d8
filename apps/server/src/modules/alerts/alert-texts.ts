import { roleName } from '../decision-map'

type Lang = 'en' | 'zh-CN'
type Row = Record<string, any>

const pct = (v: unknown) => `${Number(v ?? 0)}%`

/** The human reason of an alert from its type and evidence, in the workspace's language. */
export function reasonOf(type: string, e: Row, lang: Lang): string {
  const en = lang === 'en'
  switch (type) {
    case 'usage_drop_key_contact':
      return en
        ? `Usage down ${pct(e.dropPercent)} over ${e.periodDays} days (${e.previous} → ${e.current}) and a key contact changed (${e.keyContacts || 'champion / economic buyer'})`
        : `近 ${e.periodDays} 天使用量下降 ${pct(e.dropPercent)}（${e.previous} → ${e.current}），且关键联系人发生变动（${e.keyContacts || '支持者 / 经济决策人'}）`
    case 'no_login':
      return e.lastLoginAt
        ? en
          ? `No login for ${e.daysSinceLogin} days (last login ${String(e.lastLoginAt).slice(0, 10)})`
          : `已连续 ${e.daysSinceLogin} 天未登录（最近登录 ${String(e.lastLoginAt).slice(0, 10)}）`
        : en
          ? `No login in the last ${e.days} days, although the account sends usage data`
          : `近 ${e.days} 天没有任何登录记录（但仍有使用数据上报）`
    case 'ticket_surge':
      return en
        ? `${e.ticketsThisWeek} tickets this week, ${e.multiplier}× or more the weekly average of ${e.weeklyAverage}`
        : `本周工单 ${e.ticketsThisWeek} 张，达到此前周均（${e.weeklyAverage}）的 ${e.multiplier} 倍以上`
    case 'payment_overdue':
      return en
        ? `${e.overdueItems} payment(s) overdue, the oldest by ${e.daysOverdue} days (${e.total?.amount} ${e.total?.currency})`
        : `${e.overdueItems} 笔款项逾期，最长逾期 ${e.daysOverdue} 天（${e.total?.amount} ${e.total?.currency}）`
    case 'band_at_risk':
      return en
        ? `Health fell to at risk (score ${e.score ?? '—'}${e.previousScore !== null && e.previousScore !== undefined ? `, was ${e.previousScore}` : ''})`
        : `健康度降至高危（得分 ${e.score ?? '—'}${e.previousScore !== null && e.previousScore !== undefined ? `，此前 ${e.previousScore}` : ''}）`
    case 'champion_left':
      return en
        ? `The champion left (${e.contacts || '—'}, ${e.daysSinceLeft} days ago) and nobody has taken the role`
        : `支持者已离职（${e.contacts || '—'}，${e.daysSinceLeft} 天前），尚无人接替`
    case 'economic_buyer_left':
      return en
        ? `The economic buyer left (${e.contacts || '—'}, ${e.daysSinceLeft} days ago) and nobody holds the role now`
        : `经济决策人已离职（${e.contacts || '—'}，${e.daysSinceLeft} 天前），目前无人担任该角色`
    case 'key_contact_silent':
      return en
        ? `No activity with ${e.contacts} for ${e.daysSilent} days (threshold ${e.days})`
        : `已 ${e.daysSilent} 天未与 ${e.contacts} 有任何互动（阈值 ${e.days} 天）`
    case 'committee_role_uncovered': {
      const roles = (e.uncoveredRoles ?? []) as string[]
      return en
        ? `No contact covers ${roles.map((r) => roleName('en', r)).join(', ')} in the buying committee`
        : `采购委员会中无人覆盖：${roles.map((r) => roleName('zh-CN', r)).join('、')}`
    }
    default:
      return type
  }
}
