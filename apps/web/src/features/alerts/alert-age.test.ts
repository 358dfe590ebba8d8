import { describe, expect, it } from 'vitest'
import { formatAge } from './alert-age'

const MIN = 60_000
const H = 60 * MIN
const D = 24 * H

describe('formatAge', () => {
  it.each([
    [0, 'just now', '刚刚'],
    [59_000, 'just now', '刚刚'],
    [MIN, '1 minute', '1 分钟'],
    [42 * MIN, '42 minutes', '42 分钟'],
    [H, '1 hour', '1 小时'],
    [23 * H + 59 * MIN, '23 hours', '23 小时'],
    [D, '1 day', '1 天'],
    [15 * D + 3 * H, '15 days', '15 天'],
    [59 * D, '59 days', '59 天'],
    [95 * D, '3 months', '3 个月'],
    [-5 * MIN, 'just now', '刚刚'],
  ])('says %d ms as "%s" / "%s"', (ms, en, zh) => {
    expect(formatAge(ms, 'en')).toBe(en)
    expect(formatAge(ms, 'zh-CN')).toBe(zh)
  })

  it('never answers a bare "0h" for an alert under an hour old', () => {
    expect(formatAge(30 * MIN, 'en')).not.toMatch(/^0/)
  })
})
