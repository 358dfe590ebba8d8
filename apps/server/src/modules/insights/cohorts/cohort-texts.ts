import type { CohortMetric } from '@openkam/contract'
import type { Comparison } from './cohort-stats'
import { MIN_EVENTS, MIN_N } from './cohort-stats'

type Lang = 'en' | 'zh-CN'

/** What one unit of each figure's sample is, in both languages. */
const units: Record<CohortMetric, Record<Lang, string>> = {
  renewal_rate: { en: 'ended contracts', 'zh-CN': '份已到期合同' },
  net_revenue_retention: {
    en: 'accounts with recurring revenue a year ago',
    'zh-CN': '个一年前有经常性收入的客户',
  },
  health: { en: 'accounts with a health score', 'zh-CN': '个有健康分的客户' },
  win_rate: { en: 'won or lost opportunities', 'zh-CN': '个已赢单或输单的商机' },
}

const proportions: CohortMetric[] = ['renewal_rate', 'win_rate']

/** The comparison's warning in plain words, naming the groups and the rule; undefined when there is none. */
export function warningText(c: Comparison, metric: CohortMetric, lang: Lang): string | undefined {
  if (!c.warning) return undefined
  const unit = units[metric][lang]
  if (c.warning === 'empty') {
    const empty = [c.a.n === 0 && 'A', c.b.n === 0 && 'B'].filter(Boolean) as string[]
    const who = empty.length ? empty : ['A', 'B']
    return lang === 'en'
      ? `Nothing to compare: group ${who.join(' and ')} has no ${unit}.`
      : `无法比较：${who.map((g) => `${g} 组`).join('和')}没有${unit.replace(/^[份个]/, '')}。`
  }
  const events = proportions.includes(metric)
  return lang === 'en'
    ? `Too few to say anything: A has ${c.a.n} and B has ${c.b.n} ${unit}; a difference needs at least ${MIN_N} in each group${events ? ` and at least ${MIN_EVENTS} of each outcome` : ''}. Read the interval, not the difference.`
    : `样本太少，无法得出结论：A 组 ${c.a.n} ${unit}，B 组 ${c.b.n} ${unit}；每组至少需要 ${MIN_N} ${unit.slice(0, 1)}${events ? `，且每种结果至少 ${MIN_EVENTS} ${unit.slice(0, 1)}` : ''}。请看置信区间，而不是差值。`
}
