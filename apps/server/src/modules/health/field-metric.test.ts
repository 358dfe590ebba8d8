import { describe, expect, it } from 'vitest'
import { checkFieldMetrics, fieldKeyOf, fieldNumber, isNumberLikeField } from './field-metric'

describe('custom-field metrics', () => {
  it.each([
    ['number', null, true],
    ['money', null, true],
    ['percent', null, true],
    ['rollup', null, true],
    ['formula', 'number', true],
    ['formula', 'text', false],
    ['text', null, false],
    ['date', null, false],
  ] as const)('treats a %s field (result %s) as number-like: %s', (type, resultType, ok) =>
    expect(isNumberLikeField({ type, resultType })).toBe(ok),
  )

  it.each([
    [42, 42],
    [0, 0],
    [-3.5, -3.5],
    [{ amount: '1200.00', currency: 'CNY' }, 1200],
    ['17.5', 17.5],
    [null, null],
    [undefined, null],
    ['', null],
    ['abc', null],
    [[1, 2], null],
    [true, null],
  ])('reads %j as %j', (v, n) => expect(fieldNumber(v)).toBe(n))

  it('finds the key behind custom.<key> only', () => {
    expect(fieldKeyOf('custom.creditUsage')).toBe('creditUsage')
    expect(fieldKeyOf('creditUsage')).toBeNull()
    expect(fieldKeyOf(undefined)).toBeNull()
  })

  it('names metrics.N.field when the field is unknown or not a number', () => {
    const scoring = { kind: 'identity' as const }
    const defs = [
      { key: 'credit', type: 'number' as const, resultType: null },
      { key: 'motto', type: 'text' as const, resultType: null },
    ]
    expect(
      checkFieldMetrics(
        [
          { metric: 'a', weight: 25, scoring },
          { metric: 'b', weight: 25, scoring, field: 'custom.credit' },
          { metric: 'c', weight: 25, scoring, field: 'custom.motto' },
          { metric: 'd', weight: 25, scoring, field: 'custom.gone' },
        ],
        defs,
      ),
    ).toEqual([
      { path: 'metrics.2.field', message: '"custom.motto" is not a number field of accounts' },
      { path: 'metrics.3.field', message: 'accounts have no custom field "gone"' },
    ])
  })
})
