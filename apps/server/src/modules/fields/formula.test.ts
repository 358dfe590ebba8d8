import { describe, expect, it } from 'vitest'
import { checkFormula, evaluateFormula } from './formula'

describe('formulas', () => {
  it('evaluates each record with its own values, through the one parser', () => {
    const f = 'ROUND(annualSpend / employees, 2)'
    expect(evaluateFormula(f, { annualSpend: 1_200_000, employees: 300 })).toBe(4000)
    expect(evaluateFormula(f, { employees: 3, annualSpend: 10 })).toBe(3.33)
    // A name the record lacks has no value (null), rather than the previous record's.
    expect(evaluateFormula('IF(tier="strategic", 1, 0)', { tier: 'strategic' })).toBe(1)
    expect(evaluateFormula('IF(tier="strategic", 1, 0)', { other: 'strategic' })).toBeNull()
    expect(evaluateFormula('amount / count', { amount: 1, count: 0 })).toBeNull()
    expect(checkFormula('spend +', { spend: 'number' })).toMatch(/not complete/)
    expect(evaluateFormula('amount * 2', { amount: 21 })).toBe(42)
  })

  it('gives each of many records in a row its own result (an import evaluates one per row)', () => {
    const results = Array.from({ length: 50 }, (_, i) => evaluateFormula('spend + 1', { spend: i }))
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })
})
