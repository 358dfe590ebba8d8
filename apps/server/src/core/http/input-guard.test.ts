import { describe, expect, it } from 'vitest'
import { inputProblems, MAX_INPUT_DEPTH } from './input-guard'

describe('inputProblems', () => {
  it.each([
    [{ name: 'a\u0000b' }, 'name'],
    [{ name: 'a\ud800b' }, 'name'],
    [{ name: 'end\udc00' }, 'name'],
    [{ custom: { tags: ['ok', 'x\u0000'] } }, 'custom.tags.1'],
    [{ 'k\u0000': 1 }, 'k\u0000'],
  ])('refuses %j at %s', (input, path) => expect(inputProblems(input).map((e) => e.path)).toEqual([path]))

  it('takes emoji (a surrogate pair), Chinese and ordinary control characters', () => {
    expect(inputProblems({ name: '客户 😀', note: 'line\nnext\ttab' })).toEqual([])
  })

  it('refuses nesting deeper than the limit, once, and accepts it at the limit', () => {
    const nest = (n: number) => {
      let v: unknown = 1
      for (let i = 0; i < n; i++) v = [v]
      return v
    }
    expect(inputProblems(nest(MAX_INPUT_DEPTH))).toEqual([])
    expect(inputProblems({ custom: { x: nest(10_000) } })).toHaveLength(1)
  })

  it('skips uploaded bytes', () => expect(inputProblems({ file: Buffer.from([0, 0xd8]) })).toEqual([]))
})
