import { describe, expect, it } from 'vitest'
import { LruTtl, stableKey } from './dashboard-cache'

const meta = (dashboardId = 'd1', reportIds: string[] = []) => ({ ws: 'w', dashboardId, reportIds })

describe('LruTtl', () => {
  it('forgets an entry after its time to live', () => {
    const c = new LruTtl<number>(10, 1000)
    c.set('a', 1, meta(), 1, 0)
    expect(c.get('a', 999)).toBe(1)
    expect(c.get('a', 2000)).toBeUndefined()
    expect(c.size).toBe(0)
  })

  it('lets the least recently used go when over the number of entries or the size', () => {
    const c = new LruTtl<number>(2, 60_000, 10)
    c.set('a', 1, meta(), 3)
    c.set('b', 2, meta(), 3)
    c.get('a')
    c.set('c', 3, meta(), 3)
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([1, undefined, 3])
    c.set('d', 4, meta(), 8)
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual([undefined, undefined, 4])
    expect(c.weight).toBe(8)
    c.set('huge', 5, meta(), 11)
    expect(c.get('huge')).toBeUndefined()
  })

  it('drops the entries of a dashboard or of a report it shows', () => {
    const c = new LruTtl<number>()
    c.set('a', 1, meta('d1', ['r1']), 1)
    c.set('b', 2, meta('d2', ['r2']), 1)
    c.set('c', 3, meta('d3', ['r1', 'r3']), 1)
    c.drop((e) => e.reportIds.includes('r1'))
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 2, undefined])
    c.drop((e) => e.dashboardId === 'd2')
    expect(c.size).toBe(0)
    expect(c.weight).toBe(0)
  })
})

describe('stableKey', () => {
  it('is the same for the same filters in any key order, leaving out unset ones', () => {
    expect(stableKey({ b: 1, a: 'x', c: undefined })).toBe(stableKey({ a: 'x', b: 1 }))
    expect(stableKey({ a: 'x' })).not.toBe(stableKey({ a: 'y' }))
  })
})
