import { describe, expect, it } from 'vitest'
import { builtinObjects } from './builtin-objects'

describe('the default list of every built-in object', () => {
  // Issue 18: ticket and lead lists came sorted by a field no column showed, so no header said how.
  it.each(Object.entries(builtinObjects))('%s sorts by a column it shows, one the API sorts by', (_, o) => {
    const key = o.defaultSort.replace(/^-/, '')
    expect(o.columns).toContain(key)
    expect(o.sorts).toContain(key)
  })
})
