import { describe, expect, it } from 'vitest'
import { progressOf } from './progress'

describe('progressOf', () => {
  it.each([
    // value, target, higher is better, progress, status
    [40, 40, true, 1, 'met'],
    [52, 40, true, 1.3, 'met'],
    [36, 40, true, 0.9, 'on_track'],
    [35.9, 40, true, 0.8975, 'behind'],
    [-10, 40, true, -0.25, 'behind'],
    [7, 7, false, 1, 'met'],
    [5, 7, false, 1.4, 'met'],
    [7.7, 7, false, 0.9091, 'on_track'],
    [15, 7, false, 0.4667, 'behind'],
    [0, 7, false, 1, 'met'],
    [3, 0, true, 1, 'met'],
  ] as const)(
    'puts %d against target %d (higher better: %s) at %d, %s',
    (value, target, higher, progress, status) => {
      expect(progressOf(value, target, higher)).toEqual({ progress, status })
    },
  )

  it('has no progress without a value', () => {
    expect(progressOf(null, 85, true)).toEqual({ progress: null, status: 'no_data' })
  })
})
