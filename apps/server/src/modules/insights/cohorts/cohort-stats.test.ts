import { describe, expect, it } from 'vitest'
import {
  compareMeans,
  compareProportions,
  compareRetention,
  retention,
  retentionSumsOf,
  summarize,
  wilson,
} from './cohort-stats'

const close = (got: [number, number] | null, want: [number, number], digits = 4) => {
  expect(got).not.toBeNull()
  expect(got![0]).toBeCloseTo(want[0], digits)
  expect(got![1]).toBeCloseTo(want[1], digits)
}

describe('cohort statistics', () => {
  it('gives the Wilson interval of 8 of 10 as [0.4902, 0.9433]', () => {
    close(wilson(8, 10), [0.4902, 0.9433])
  })

  // The first two from Newcombe (1998), Statistics in Medicine 17:873–890, table II, method 10; the third
  // by hand: Wilson 6/7 = [0.486875, 0.974321], 2/7 = [0.082219, 0.641065] → 0.571429 ∓ 0.513198 / ± 0.234822.
  it.each([
    [56, 70, 48, 80, 0.2, [0.0524, 0.3339]],
    [9, 10, 3, 10, 0.6, [0.1705, 0.809]],
    [6, 7, 2, 7, 0.5714, [0.0582, 0.8062]],
  ] as const)("compares %d/%d with %d/%d by Newcombe's method 10", (x1, n1, x2, n2, d, ci) => {
    const c = compareProportions({ x: x1, n: n1 }, { x: x2, n: n2 })
    expect(c.difference).toBeCloseTo(d, 4)
    close(c.ci95, [ci[0], ci[1]])
  })

  it('warns when a group has fewer than 30 units or fewer than 5 successes or failures', () => {
    expect(compareProportions({ x: 56, n: 70 }, { x: 48, n: 80 }).warning).toBeUndefined()
    expect(compareProportions({ x: 9, n: 10 }, { x: 48, n: 80 }).warning).toBe('small')
    expect(compareProportions({ x: 67, n: 70 }, { x: 48, n: 80 }).warning).toBe('small')
    expect(compareProportions({ x: 0, n: 0 }, { x: 48, n: 80 })).toEqual({
      a: { n: 0, value: null },
      b: { n: 80, value: 0.6 },
      difference: null,
      ci95: null,
      warning: 'empty',
    })
  })

  it("compares means with Welch's interval: [1,2,3] vs [4,5,6] is −3 ± t(0.975, 4)·√(2/3)", () => {
    const c = compareMeans(summarize([1, 2, 3]), summarize([4, 5, 6]))
    expect(c.a).toEqual({ n: 3, value: 2 })
    expect(c.difference).toBe(-3)
    // t(0.975, df 4) = 2.776445 from the table; se = √(1/3 + 1/3) = 0.816497.
    close(c.ci95, [-5.26696, -0.73304])
    expect(c.warning).toBe('small')
  })

  it('uses the Welch–Satterthwaite degrees of freedom when the variances differ', () => {
    // se² = 2.5/5 + 6.6667/4 = 2.16667; df = 2.16667² / (0.5²/4 + 1.66667²/3) = 4.7494; t(0.975, 4.7494) = 2.6131.
    const c = compareMeans(summarize([1, 2, 3, 4, 5]), summarize([2, 4, 6, 8]))
    expect(c.difference).toBe(-2)
    close(c.ci95, [-2 - 2.6131 * 1.47196, -2 + 2.6131 * 1.47196], 2)
  })

  it('takes net revenue retention as Σ end ÷ Σ start with the delta-method variance', () => {
    const a = [
      { start: 100, end: 110 },
      { start: 200, end: 180 },
      { start: 100, end: 130 },
    ]
    // R = 420/400; residuals 5, −30, 25 → 1550 ÷ (3·2·133.33²).
    const r = retention(retentionSumsOf(a))
    expect(r.value).toBeCloseTo(1.05, 10)
    expect(r.variance).toBeCloseTo(0.01453125, 8)
    const b = [
      { start: 100, end: 100 },
      { start: 100, end: 90 },
    ]
    const c = compareRetention(retentionSumsOf(a), retentionSumsOf(b))
    expect(c.b.value).toBeCloseTo(0.95, 10)
    expect(c.difference).toBeCloseTo(0.1, 10)
    // ± 1.959964 · √(0.01453125 + 0.0025)
    close(c.ci95, [-0.155783, 0.355783], 5)
    expect(c.warning).toBe('small')
    expect(compareRetention(retentionSumsOf([]), retentionSumsOf(b)).warning).toBe('empty')
  })
})
