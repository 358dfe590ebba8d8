import { describe, expect, it } from 'vitest'
import { bestFit, icpFit } from './icp-fit'
import { checkDimensions, valueTypeOf } from './icp.collection'
import { checkScores, classOf, computePotential, weightSumError } from './potential-score'
import { defaultThresholds, maturityOf, segmentKey, sizeBandOf, cellSetting } from './segment'
import type { IcpDimension, ScoringDimension } from './qualification.table'

const rubric = ['1', '2', '3', '4', '5']
const model: ScoringDimension[] = [
  { key: 'strategic_fit', label: 'Strategic fit', weight: 30, rubric },
  { key: 'profit_potential', label: 'Profit potential', weight: 30, rubric },
  { key: 'stability', label: 'Stability', weight: 20, rubric },
  { key: 'market_influence', label: 'Market influence', weight: 20, rubric },
]
const bands = { A: 4, B: 3 }
const scores = (a: number, b: number, c: number, d: number) => ({
  strategic_fit: a,
  profit_potential: b,
  stability: c,
  market_influence: d,
})

describe('potential score (R-02, R-31)', () => {
  it.each([
    [[4, 4, 4, 4], 4, 'A'],
    [[5, 3, 4, 4], 4, 'A'],
    [[3, 5, 4, 4], 4, 'A'],
    [[5, 5, 5, 5], 5, 'A'],
    [[4, 4, 4, 3], 3.8, 'B'],
    [[3, 3, 3, 3], 3, 'B'],
    [[3, 3, 3, 2], 2.8, 'C'],
    [[1, 1, 1, 1], 1, 'C'],
  ])('scores %j to %d, class %s', (s, total, cls) => {
    const r = computePotential(model, bands, scores(s[0]!, s[1]!, s[2]!, s[3]!))
    expect(r.total).toBe(total)
    expect(r.class).toBe(cls)
  })

  it('lists each contribution as score × weight', () => {
    const r = computePotential(model, bands, scores(5, 3, 4, 4))
    expect(r.contributions.map((c) => [c.dimension, c.weight, c.score, c.contribution])).toEqual([
      ['strategic_fit', 0.3, 5, 1.5],
      ['profit_potential', 0.3, 3, 0.9],
      ['stability', 0.2, 4, 0.8],
      ['market_influence', 0.2, 4, 0.8],
    ])
  })

  it.each([
    [4, 'A'],
    [3.99, 'B'],
    [3, 'B'],
    [2.99, 'C'],
    [0.1 + 0.2 + 3.7, 'A'],
  ])('puts a total of %d in class %s (closed below)', (t, c) => expect(classOf(t, bands)).toBe(c))

  it('finds missing, out-of-range and unknown scores', () => {
    const errs = checkScores(model, { strategic_fit: 6, profit_potential: 2.5, stability: 3, other: 1 })
    expect(errs.map((e) => e.path).sort()).toEqual([
      'scores.market_influence',
      'scores.other',
      'scores.profit_potential',
      'scores.strategic_fit',
    ])
  })

  it('names the sum of weights that is not 100', () => {
    expect(weightSumError([{ weight: 30 }, { weight: 30 }, { weight: 30 }])).toBe(90)
    expect(weightSumError(model)).toBeNull()
  })
})

describe('ICP fit (R-01)', () => {
  const dims: IcpDimension[] = [
    { field: 'industry', target: { kind: 'values', values: ['manufacturing'] }, weight: 40 },
    { field: 'employees', target: { kind: 'range', min: 2000 }, weight: 30 },
    { field: 'annualRevenue', target: { kind: 'range', min: 1e9, max: 5e10 }, weight: 20 },
    { field: 'painPoints', target: { kind: 'values', values: ['Quality', 'Cost'] }, weight: 10 },
  ]

  it('gives the matched share of the weight', () => {
    const r = icpFit(dims, {
      industry: 'manufacturing',
      employees: 2000,
      annualRevenue: { amount: '900000000.00', currency: 'CNY' },
      painPoints: ['cost', 'speed'],
    })
    expect(r.fit).toBe(80)
    expect(r.incomplete).toBe(false)
    expect(r.dimensions.map((d) => d.result)).toEqual(['match', 'match', 'miss', 'match'])
  })

  it('counts a missing value as a miss, reports it unknown and marks the fit incomplete', () => {
    const r = icpFit(dims, { industry: 'manufacturing', employees: null, painPoints: [] })
    expect(r.fit).toBe(40)
    expect(r.incomplete).toBe(true)
    expect(r.dimensions.map((d) => d.result)).toEqual(['match', 'unknown', 'unknown', 'unknown'])
  })

  it('reads custom fields and rounds to hundredths', () => {
    const r = icpFit(
      [
        { field: 'custom.erp', target: { kind: 'values', values: ['SAP'] }, weight: 1 },
        { field: 'region', target: { kind: 'values', values: ['Shanghai'] }, weight: 2 },
      ],
      { custom: { erp: 'sap' }, region: 'Beijing' },
    )
    expect(r.fit).toBe(33.33)
  })

  const seats: IcpDimension = {
    field: 'custom.seats',
    valueType: 'number',
    target: { kind: 'range', min: 100, max: 500 },
    weight: 1,
  }
  it.each([
    [100, 'match'],
    [500, 'match'],
    [250, 'match'],
    ['250', 'match'],
    [' 320 ', 'match'],
    [99.99, 'miss'],
    [501, 'miss'],
    ['many', 'miss'],
    [true, 'miss'],
    [[250], 'miss'],
    [null, 'unknown'],
    ['', 'unknown'],
  ])('puts a custom number field of %j inside 100–500 as %s', (v, result) => {
    const r = icpFit([seats], { custom: { seats: v } })
    expect(r.dimensions[0]!.result).toBe(result)
    expect(r.fit).toBe(result === 'match' ? 100 : 0)
  })

  it('gives a custom number range with one end open the matched share of the weight', () => {
    const dims: IcpDimension[] = [
      { field: 'custom.seats', valueType: 'number', target: { kind: 'range', min: 200 }, weight: 3 },
      { field: 'custom.plants', target: { kind: 'range', max: 4 }, weight: 1 },
    ]
    expect(icpFit(dims, { custom: { seats: 200, plants: 9 } }).fit).toBe(75)
    expect(icpFit(dims, { custom: { seats: 199, plants: 4 } }).fit).toBe(25)
    expect(icpFit(dims, { custom: { seats: { amount: '250.00', currency: 'CNY' } } })).toMatchObject({
      fit: 75,
      incomplete: true,
    })
  })

  it('picks the best fit', () => {
    expect(
      bestFit([
        { fit: 50, id: 'a' },
        { fit: 70, id: 'b' },
        { fit: 70, id: 'c' },
      ])?.id,
    ).toBe('b')
    expect(bestFit([])).toBeNull()
  })
})

describe('ICP dimensions (R-01)', () => {
  const dim = (field: string, target: IcpDimension['target'], valueType?: 'number' | 'text') =>
    ({ field, target, weight: 10, ...(valueType ? { valueType } : {}) }) as IcpDimension
  const range = { kind: 'range' as const, min: 1, max: 9 }
  const values = { kind: 'values' as const, values: ['x'] }

  it.each([
    [dim('employees', range), 'number'],
    [dim('region', values), 'text'],
    [dim('custom.seats', range, 'number'), 'number'],
    [dim('custom.seats', values, 'text'), 'text'],
    [dim('custom.seats', range), 'number'],
    [dim('custom.erp', values), 'text'],
  ])('reads the value type of %j as %s', (d, type) => expect(valueTypeOf(d)).toBe(type))

  it('accepts a range on a number custom field and values on a text one', () => {
    expect(
      checkDimensions([dim('custom.seats', range, 'number'), dim('custom.erp', values, 'text')]),
    ).toEqual({ errors: [], rangeNotNumber: [] })
  })

  it('sets apart a range on a field that does not hold numbers', () => {
    const r = checkDimensions([dim('custom.erp', range, 'text'), dim('region', range)])
    expect(r.errors).toEqual([])
    expect(r.rangeNotNumber.map((e) => e.path)).toEqual(['dimensions.0.target', 'dimensions.1.target'])
    expect(r.rangeNotNumber[0]!.message).toContain('custom.erp is a text field')
  })

  it('refuses values for a number field, a value type on a built-in field and a field used twice', () => {
    const r = checkDimensions([
      dim('custom.seats', values, 'number'),
      dim('employees', range, 'number'),
      dim('custom.seats', range, 'number'),
    ])
    expect(r.errors.map((e) => e.path)).toEqual([
      'dimensions.0.target',
      'dimensions.1.valueType',
      'dimensions.2.field',
    ])
  })
})

describe('segments (R-03)', () => {
  it.each([
    [{ customer: true, openStages: ['discovery'] }, 'retention'],
    [{ customer: false, openStages: ['discovery', 'negotiation'] }, 'decision'],
    [{ customer: false, openStages: ['solution'] }, 'evaluation'],
    [{ customer: false, openStages: [] }, 'awareness'],
  ])('derives the maturity of %j as %s', (f, m) => expect(maturityOf(f)).toBe(m))

  it.each([
    [{ employees: 2000, annualRevenue: null, sizeBand: null }, 'large'],
    [{ employees: 1999, annualRevenue: 5e9, sizeBand: null }, 'growth'],
    [{ employees: 299, annualRevenue: null, sizeBand: 'large' }, 'small'],
    [{ employees: null, annualRevenue: 1e8, sizeBand: null }, 'growth'],
    [{ employees: null, annualRevenue: null, sizeBand: 'small' }, 'small'],
    [{ employees: null, annualRevenue: null, sizeBand: null }, 'unknown'],
  ])('puts %j in size band %s', (a, s) => expect(sizeBandOf(a, defaultThresholds)).toBe(s))

  it('uses revenue first when that is the basis', () => {
    const t = { ...defaultThresholds, basis: 'revenue' as const }
    expect(sizeBandOf({ employees: 100, annualRevenue: 2e9, sizeBand: null }, t)).toBe('large')
  })

  it('builds keys and lets an industry cell win over the general one', () => {
    expect(segmentKey(null, 'small', 'awareness')).toBe('other:small:awareness')
    const cells = {
      'large:evaluation': { strategy: 'General', serviceLevel: 'Gold' },
      'saas:large:evaluation': { strategy: 'SaaS' },
    }
    expect(cellSetting(cells, 'saas', 'large', 'evaluation')).toEqual({
      strategy: 'SaaS',
      serviceLevel: 'Gold',
    })
    expect(cellSetting(cells, 'retail', 'large', 'evaluation').strategy).toBe('General')
  })
})
