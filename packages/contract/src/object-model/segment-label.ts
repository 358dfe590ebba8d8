import { optionLabelsEn } from './labels.en'
import { optionLabelsZh } from './labels.zh-CN'

type Lang = 'en' | 'zh-CN'

const unknownSize = { en: 'size unknown', 'zh-CN': '规模未知' }

/**
 * A segment key (`industry:size:maturity`, SPEC R-03) in words; a value the labels do not know stays as
 * it is, and so does a segment written by hand.
 * @example segmentLabel('finance:small:retention', 'en') // → 'Finance · Small business · Retention'
 */
export function segmentLabel(key: string, lang: Lang): string {
  const parts = key.split(':')
  if (parts.length !== 3) return key
  const labels = lang === 'en' ? optionLabelsEn : optionLabelsZh
  const [industry, size, maturity] = parts as [string, string, string]
  const of = (map: Record<string, string>, v: string) => map[v] ?? v
  return [
    of(labels.industry, industry),
    size === 'unknown' ? unknownSize[lang] : of(labels.sizeBand, size),
    of(labels.demandMaturity, maturity),
  ].join(' · ')
}
