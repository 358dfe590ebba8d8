import { optionLabelsEn } from './labels.en'
import { optionLabelsZh } from './labels.zh-CN'

type Lang = 'en' | 'zh-CN'

/** A segment's size when it is not known, in each language. */
export const unknownSizeLabels = { en: 'size unknown', 'zh-CN': '规模未知' }

/** What a segment key is read with: the option labels of its three parts, and the words for an unknown size. */
export type SegmentWords = {
  industry: Record<string, string>
  sizeBand: Record<string, string>
  demandMaturity: Record<string, string>
  unknownSize: string
}

/**
 * A segment key (`industry:size:maturity`, SPEC R-03) in words; a value the labels do not know stays as
 * it is, and so does a segment written by hand.
 * @example segmentLabel('finance:small:retention', 'en') // → 'Finance · Small business · Retention'
 */
export const segmentLabel = (key: string, lang: Lang): string =>
  segmentInWords(key, {
    ...(lang === 'en' ? optionLabelsEn : optionLabelsZh),
    unknownSize: unknownSizeLabels[lang],
  })

/**
 * `segmentLabel` with the words given: the web reads them from the texts of the language shown, without
 * both languages' labels.
 */
export function segmentInWords(key: string, words: SegmentWords): string {
  const parts = key.split(':')
  if (parts.length !== 3) return key
  const [industry, size, maturity] = parts as [string, string, string]
  const of = (map: Record<string, string>, v: string) => map[v] ?? v
  return [
    of(words.industry, industry),
    size === 'unknown' ? words.unknownSize : of(words.sizeBand, size),
    of(words.demandMaturity, maturity),
  ].join(' · ')
}
