import { describe, expect, it } from 'vitest'
import { en } from './en'
import { zhCN } from './zh-CN'

/** Every leaf key of a nested texts object, as a dotted path. */
const keys = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object'
    ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix]

describe('the two languages', () => {
  // The app loads one language only and has no fallback: a key missing from one shows as the raw key.
  it('hold the same keys', () => {
    const a = new Set(keys(en))
    const b = new Set(keys(zhCN))
    expect(
      [...a].filter((k) => !b.has(k)),
      'missing in zh-CN',
    ).toEqual([])
    expect(
      [...b].filter((k) => !a.has(k)),
      'missing in en',
    ).toEqual([])
  })
})
