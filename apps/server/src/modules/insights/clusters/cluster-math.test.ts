import { describe, expect, it } from 'vitest'
import { ONE_HOT, standardise, type FeatureSpec, type RawRow } from './cluster-features'
import { chooseK, evenSample, meanSilhouette } from './cluster-k'

const en = (s: string) => ({ en: s, 'zh-CN': s })
const num = (field: string, log = false): FeatureSpec => ({
  kind: 'number',
  field,
  label: en(field),
  log,
  ratio: true,
})
const rows = (values: RawRow['values'][]): RawRow[] => values.map((v, i) => ({ id: `a${i}`, values: v }))

describe('standardise', () => {
  it('turns numbers into z-scores and a missing value into the mean (0)', () => {
    // mean 2, sample SD of 1, 2, 3 is 1
    const { matrix } = standardise(rows([{ x: 1 }, { x: 2 }, { x: 3 }, { x: null }]), [num('x')])
    expect(matrix.map((r) => r[0])).toEqual([-1, 0, 1, 0])
  })

  it('compares amounts on log(1 + x)', () => {
    // log1p of 0, e−1, e²−1 is 0, 1, 2: z-scores −1, 0, 1
    const { matrix } = standardise(rows([{ x: 0 }, { x: Math.E - 1 }, { x: Math.E ** 2 - 1 }]), [
      num('x', true),
    ])
    matrix.forEach((r, i) => expect(r[0]).toBeCloseTo(i - 1, 10))
  })

  it('makes a select field one column per option, worth 1/√2, so two different values are 1 apart', () => {
    const spec: FeatureSpec = {
      kind: 'select',
      field: 'industry',
      label: en('Industry'),
      options: [
        { value: 'a', label: en('A') },
        { value: 'b', label: en('B') },
        { value: 'unused', label: en('Unused') },
      ],
    }
    const { matrix, columns } = standardise(rows([{ industry: 'a' }, { industry: 'b' }, { industry: 'a' }]), [
      spec,
    ])
    expect(columns.map((c) => c.option)).toEqual(['a', 'b'])
    expect(matrix).toEqual([
      [ONE_HOT, 0],
      [0, ONE_HOT],
      [ONE_HOT, 0],
    ])
    expect(Math.hypot(matrix[0]![0]! - matrix[1]![0]!, matrix[0]![1]! - matrix[1]![1]!)).toBeCloseTo(1, 12)
  })

  it('leaves out a number known for too few accounts or with no spread', () => {
    const { used } = standardise(rows([{ x: 1, y: 5 }, { y: 5 }, { y: 5 }, { y: 5 }]), [num('x'), num('y')])
    expect(used).toEqual([])
  })
})

describe('meanSilhouette', () => {
  it('matches the hand-computed value of two pairs', () => {
    // points 0, 1 | 10, 11: each a = 1; b = 10.5, 9.5, 9.5, 10.5 → s = 9.5/10.5, 8.5/9.5, 8.5/9.5, 9.5/10.5
    const expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4
    expect(meanSilhouette([[0], [1], [10], [11]], [7, 7, 3, 3])).toBeCloseTo(expected, 12)
    expect(expected).toBeCloseTo(0.89975, 5)
  })

  it('counts a point alone in its cluster as 0', () => {
    // 0: a 1, b 10 → 0.9; 1: a 1, b 9 → 8/9; 10: alone → 0
    expect(meanSilhouette([[0], [1], [10]], [0, 0, 1])).toBeCloseTo((0.9 + 8 / 9) / 3, 12)
  })
})

describe('chooseK', () => {
  // Three tight blobs of ten points around (0,0), (10,0) and (0,10).
  const blob = (cx: number, cy: number) =>
    Array.from({ length: 10 }, (_, i) => [cx + ((i % 3) - 1) * 0.3, cy + (Math.floor(i / 3) - 1.5) * 0.2])
  const points = [...blob(0, 0), ...blob(10, 0), ...blob(0, 10)]

  it('finds the three planted clusters by silhouette', () => {
    const c = chooseK(points)!
    expect(c.k).toBe(3)
    expect(c.silhouette).toBeGreaterThan(0.9)
    for (const start of [0, 10, 20]) expect(new Set(c.labels.slice(start, start + 10)).size).toBe(1)
    expect(new Set(c.labels).size).toBe(3)
  })

  it('gives the same clusters every time (seeded)', () => {
    expect(chooseK(points)).toEqual(chooseK(points))
  })

  it('declines fewer than twelve accounts', () => {
    expect(chooseK(points.slice(0, 11))).toBeNull()
  })

  it('samples evenly and deterministically', () => {
    expect(evenSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8])
  })
})
