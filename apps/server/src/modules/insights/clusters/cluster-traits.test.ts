import { describe as group, expect, it } from 'vitest'
import type { FeatureSpec, RawRow } from './cluster-features'
import { describe, numberText, traitsOf } from './cluster-traits'

const L = (en: string, zh: string) => ({ en, 'zh-CN': zh })
const arr: FeatureSpec = {
  kind: 'number',
  field: 'annualSpend',
  label: L('ARR', '年消费额'),
  log: false,
  ratio: true,
}
const health: FeatureSpec = {
  kind: 'number',
  field: 'health',
  label: L('health', '健康分'),
  log: false,
  ratio: false,
}
const industry: FeatureSpec = {
  kind: 'select',
  field: 'industry',
  label: L('Industry', '行业'),
  options: [
    { value: 'manufacturing', label: L('Manufacturing', '制造业') },
    { value: 'retail', label: L('Retail', '零售') },
  ],
}
// Two accounts inside the group, four outside.
const rows: RawRow[] = [
  { annualSpend: 30, health: 90, industry: 'manufacturing' },
  { annualSpend: 30, health: 80, industry: 'manufacturing' },
  { annualSpend: 10, health: 60, industry: 'manufacturing' },
  { annualSpend: 10, health: 60, industry: 'retail' },
  { annualSpend: 10, health: 60, industry: 'retail' },
  { annualSpend: 10, health: 60, industry: 'retail' },
].map((values, i) => ({ id: `a${i}`, values }))
const inside = [true, true, false, false, false, false]

group('traitsOf', () => {
  const traits = traitsOf(rows, inside, [arr, health, industry])
  const by = (f: string) => traits.find((t) => t.field === f)!

  it('measures a number by its standardised mean difference, read as a ratio of the averages', () => {
    // all: 30,30,10,10,10,10 — mean 16.667, sample SD √(533.33/5) = 10.328; d = (30 − 10) / 10.328 = 1.936
    expect(by('annualSpend').direction).toBe('higher')
    expect(by('annualSpend').effect).toBeCloseTo(1.936, 3)
    // 30 / 16.667 = 1.8
    expect(by('annualSpend').text).toEqual(L('ARR 1.8× the average', '年消费额为平均的 1.8 倍'))
  })

  it('reads a score as points above the average', () => {
    // inside mean 85, overall (85·2 + 60·4) / 6 = 68.33: +16.7
    expect(by('health').text).toEqual(L('health +16.7', '健康分高于平均 16.7'))
    expect(by('health').direction).toBe('higher')
  })

  it('measures a select value by its share inside against outside', () => {
    // manufacturing: 2/2 inside, 1/4 outside → +0.75 (Cohen's h = π − π/3 = 2.094)
    expect(by('industry=manufacturing')).toMatchObject({ direction: 'more', effect: 0.75 })
    expect(by('industry=manufacturing').strength).toBeCloseTo((2 * Math.PI) / 3, 9)
    expect(by('industry=manufacturing').text).toEqual(
      L('100% Manufacturing (Industry), vs 25% elsewhere', '100% 为制造业（行业），其余客户 25%'),
    )
    expect(by('industry=retail')).toMatchObject({ direction: 'less', effect: -0.75 })
  })

  it('ranks the traits strongest first and leaves out small differences', () => {
    const strengths = traits.map((t) => t.strength)
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a))
    const even = traitsOf(rows, [true, false, true, false, true, false], [arr])
    // 30,10,10 vs 30,10,10: no difference at all
    expect(even).toEqual([])
  })
})

group('describe', () => {
  it('names the three strongest traits in both languages', () => {
    const traits = traitsOf(rows, inside, [arr, health, industry])
    const d = describe(traits)
    expect(d.en.split('; ')).toHaveLength(3)
    expect(d['zh-CN'].split('；')).toHaveLength(3)
    expect(d.en).toContain(traits[0]!.text.en)
  })

  it('says so when nothing sets the cluster apart', () => {
    expect(describe([]).en).toBe('Close to the average on every measure')
  })

  it('writes a lower score with a minus sign', () => {
    expect(numberText(health as Extract<FeatureSpec, { kind: 'number' }>, 50, 68).en).toBe('health −18')
  })
})
