import { describe, expect, it } from 'vitest'
import { builtinObjects } from './builtin-objects'

describe('builtinObjects', () => {
  it('is plain data, the same once written as JSON (the web serves it so, apps/web/build/plain-data.plugin.ts)', () => {
    expect(Object.getPrototypeOf(builtinObjects)).toBeNull()
    expect(JSON.parse(JSON.stringify(builtinObjects))).toStrictEqual({ ...builtinObjects })
  })
})
