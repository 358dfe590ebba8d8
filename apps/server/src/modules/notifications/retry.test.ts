import { describe, expect, it } from 'vitest'
import { afterFailure } from './retry'

describe('afterFailure', () => {
  it.each([
    [1, 5, 30, 'retrying', 30],
    [2, 5, 30, 'retrying', 60],
    [4, 5, 30, 'retrying', 240],
    [5, 5, 30, 'failed', null],
    [2, 3, 0.2, 'retrying', 0.4],
    [3, 3, 0.2, 'failed', null],
    [1, 1, 30, 'failed', null],
  ])('after %d of %d attempts (base %ds) is %s, next in %s s', (attempts, max, base, status, delay) => {
    expect(afterFailure(attempts, max, base)).toEqual({ status, delaySeconds: delay })
  })
})
