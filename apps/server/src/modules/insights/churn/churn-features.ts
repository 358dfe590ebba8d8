type Lang = 'en' | 'zh-CN'

/** The raw signals of an account at a point in time (churn.repository's signalsAsOf, as numbers). */
export type ChurnSignals = {
  tier: string | null
  segment: string | null
  health: number | null
  usageNow: number | null
  usageBefore: number | null
  nps: number | null
  tickets90d: number
  overduePayments: number
  keyContactsLeft: number
}

const numeric: Record<string, { en: string; 'zh-CN': string }> = {
  health_score: { en: 'Health score', 'zh-CN': '健康分' },
  feature_usage: { en: 'Feature usage', 'zh-CN': '功能使用率' },
  usage_change_90d: { en: 'Usage change over 90 days', 'zh-CN': '90 天使用率变化' },
  nps: { en: 'NPS', 'zh-CN': 'NPS 净推荐值' },
  tickets_90d: { en: 'Tickets in the last 90 days', 'zh-CN': '近 90 天工单数' },
  overdue_payments: { en: 'Overdue payments', 'zh-CN': '逾期付款' },
  key_contacts_left: { en: 'Key contacts who left (180 days)', 'zh-CN': '近 180 天离开的关键联系人' },
}

const tierNames: Record<string, { en: string; 'zh-CN': string }> = {
  strategic: { en: 'strategic', 'zh-CN': '战略客户' },
  growth: { en: 'growth', 'zh-CN': '成长客户' },
  essential: { en: 'essential', 'zh-CN': '基础客户' },
}

/** A category is one feature (one-hot) only when this many samples share it; rarer ones add nothing. */
export const MIN_CATEGORY_SAMPLES = 5

/** The categories (tier, segment) frequent enough in the training samples to be features. */
export function frequentCategories(signals: ChurnSignals[]) {
  const counts = new Map<string, number>()
  for (const s of signals) for (const key of categoryKeys(s)) counts.set(key, (counts.get(key) ?? 0) + 1)
  return new Set([...counts].filter(([, n]) => n >= MIN_CATEGORY_SAMPLES).map(([k]) => k))
}

const categoryKeys = (s: ChurnSignals) => [
  ...(s.tier ? [`tier:${s.tier}`] : []),
  ...(s.segment ? [`segment:${s.segment}`] : []),
]

/** The model's inputs from raw signals: numbers (null when unknown) and 0/1 for each known category. */
export function churnFeatures(s: ChurnSignals, categories: Set<string>): Record<string, number | null> {
  const own = new Set(categoryKeys(s))
  return {
    health_score: s.health,
    feature_usage: s.usageNow,
    usage_change_90d: s.usageNow !== null && s.usageBefore !== null ? s.usageNow - s.usageBefore : null,
    nps: s.nps,
    tickets_90d: s.tickets90d,
    overdue_payments: s.overduePayments,
    key_contacts_left: s.keyContactsLeft,
    ...Object.fromEntries([...categories].map((c) => [c, own.has(c) ? 1 : 0])),
  }
}

/** A feature's name in the person's language ("Tier: growth" for a category). */
export function featureLabel(feature: string, lang: Lang): string {
  const known = numeric[feature]
  if (known) return known[lang]
  const [kind, ...rest] = feature.split(':')
  const value = rest.join(':')
  if (kind === 'tier') {
    const name = tierNames[value]?.[lang] ?? value
    return lang === 'en' ? `Tier: ${name}` : `分级：${name}`
  }
  if (kind === 'segment') return lang === 'en' ? `Segment: ${value}` : `细分：${value}`
  return feature
}
